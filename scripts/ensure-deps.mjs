// Placeholder: installs npm packages and the Temporal CLI when missing (foundation issue).

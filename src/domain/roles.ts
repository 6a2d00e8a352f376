// Who may call the API: each caller (a system or a person) has one role.
// enrollment: the LMS or shop; staff: the CE office (may do everything);
// committee: report readers and reviewers.
export const API_ROLES = ['enrollment', 'staff', 'committee'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** A named API key is for a system (an integration) or a person (who signs in as themselves). */
export const KEY_KINDS = ['system', 'person'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** The roles whose callers may use routes of each role: staff may do everything. */
export const ROLE_ACCEPTS: Record<ApiRole, readonly ApiRole[]> = {
  enrollment: ['enrollment', 'staff'],
  staff: ['staff'],
  committee: ['committee', 'staff'],
};

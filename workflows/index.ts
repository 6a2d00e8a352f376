// Every workflow the worker runs; the worker bundles this file.
export { enrollmentWorkflow } from './enrollment.js';
export { committeeDigestWorkflow } from './digest.js';
export { credentialRemindersWorkflow } from './credential-reminders.js';
export { credentialSweepWorkflow } from './credential-sweep.js';
export { regulatorSubmissionWorkflow } from './reporting.js';

// Every workflow the worker runs; the worker bundles this file.
export { enrollmentWorkflow } from './enrollment.js';
export { committeeDigestWorkflow } from './digest.js';
export { regulatorSubmissionWorkflow } from './reporting.js';

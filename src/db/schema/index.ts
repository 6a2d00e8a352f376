// The whole lifecycle's data, one file per area. Workflow histories carry ids
// only; names and emails live here. Each stage has its own table and a
// timestamp on the enrollment. drizzle.config.ts reads this index.
export { ENROLLMENT_STAGES, ENROLLMENT_OUTCOMES } from '../../domain/enrollment.js';
export type { EnrollmentStage, EnrollmentOutcome } from '../../domain/enrollment.js';
export * from './catalog.js';
export * from './learners.js';
export * from './enrollments.js';
export * from './submissions.js';
export * from './certificates.js';
export * from './outbox.js';
export * from './reviews.js';
export * from './maintenance.js';
export * from './reporting.js';
export * from './identities.js';
export * from './provider.js';
export * from './disclosures.js';
export * from './summaries.js';

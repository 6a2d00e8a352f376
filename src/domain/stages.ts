// The stages an enrollment passes through, and how a closed one ended.
export const ENROLLMENT_STAGES = [
  'awaiting_payment',
  'attending',
  'competence',
  'evaluation',
  'claim',
  'certified',
  'follow_up',
  'closed',
] as const;
export type EnrollmentStage = (typeof ENROLLMENT_STAGES)[number];

/** How a closed enrollment ended. */
export const ENROLLMENT_OUTCOMES = [
  'completed',
  'lapsed',
  'withdrawn',
  'failed_competence',
  'not_completed',
  'abandoned',
] as const;
export type EnrollmentOutcome = (typeof ENROLLMENT_OUTCOMES)[number];

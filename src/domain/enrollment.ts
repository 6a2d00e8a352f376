// The stages an enrollment goes through and how a closed one ended: the
// workflow's state, the enrollments table and the API share these names.
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

export const FOLLOW_UP_STATUSES = ['pending', 'answered', 'not_answered'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const IMPLEMENTED_ANSWERS = ['fully', 'partly', 'not'] as const;
export type Implemented = (typeof IMPLEMENTED_ANSWERS)[number];

// An activity's policy: everything a provider chooses about one CE activity.
// The workflow reads durations and rules from here, never from constants.
// Types and constants only (workflows import this file); the zod schemas that
// validate and default a policy are in ./policy-schema.ts.
export type {
  ActivityInput,
  CompetenceItem,
  CreditDesignation,
  Policy,
  PolicyInput,
  Thresholds,
} from './policy-schema.js';

/** The longest a learner link may stay valid (policy.windows.linkExpiry); longer links are refused. */
export const MAX_LINK_EXPIRY = '400d';

export const CREDIT_TYPES = ['ama_pra_1', 'acpe', 'pace', 'ca_cls', 'fl_cls', 'ascp_cmp'] as const;
export type CreditType = (typeof CREDIT_TYPES)[number];

export const CREDIT_TYPE_LABELS: Record<CreditType, string> = {
  ama_pra_1: 'AMA PRA Category 1 Credit™',
  acpe: 'ACPE contact hours',
  pace: 'P.A.C.E.® contact hours',
  ca_cls: 'California CLS contact hours',
  fl_cls: 'Florida clinical laboratory contact hours',
  ascp_cmp: 'ASCP BOC CMP points',
};

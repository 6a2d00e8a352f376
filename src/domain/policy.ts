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

/** Credit types a provider designates and a learner claims. */
export const CREDIT_TYPES = ['ama_pra_1', 'acpe', 'pace'] as const;
export type CreditType = (typeof CREDIT_TYPES)[number];

/**
 * Designated and claimed before licences and ASCP CMP were modelled as
 * accepting credit (RULES.md: they are not credit types). Stored claims and
 * certificates keep them so they stay verifiable; nothing new is designated or claimed.
 */
export const RETIRED_CREDIT_TYPES = ['ca_cls', 'fl_cls', 'ascp_cmp'] as const;
export type RetiredCreditType = (typeof RETIRED_CREDIT_TYPES)[number];

/** What a stored claim may be of. */
export const CLAIMED_TYPES = [...CREDIT_TYPES, ...RETIRED_CREDIT_TYPES] as const;
export type ClaimedType = (typeof CLAIMED_TYPES)[number];

/** Every kind of certificate: one per credit type claimed, or participation for those who may claim none. */
export const CERTIFICATE_KINDS = [...CREDIT_TYPES, 'participation', ...RETIRED_CREDIT_TYPES] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const CREDIT_TYPE_LABELS: Record<CertificateKind, string> = {
  ama_pra_1: 'AMA PRA Category 1 Credit™',
  acpe: 'ACPE contact hours',
  pace: 'P.A.C.E.® contact hours',
  participation: 'hours of participation',
  ca_cls: 'California CLS contact hours',
  fl_cls: 'Florida clinical laboratory contact hours',
  ascp_cmp: 'ASCP BOC CMP points',
};

/** P.A.C.E.® levels of instruction, printed on the certificate. */
export const INSTRUCTION_LEVELS = ['basic', 'intermediate', 'advanced'] as const;

// The policy and activity as zod schemas: what the API validates, and the
// defaults a stored policy is read with. Workflows import only the types and
// constants in ./policy.ts, so zod stays out of the workflow bundle.
import { z } from 'zod';
import { toMs } from './duration.js';
import { centsSchema, currencySchema, durationMs, durationSchema, instantSchema } from './bounds-schema.js';
import { CREDIT_TYPES, INSTRUCTION_LEVELS, MAX_LINK_EXPIRY, RETIRED_CREDIT_TYPES } from './policy.js';
import { TOPIC_AREAS } from './topics.js';

export const creditDesignationSchema = z.object({
  type: z.enum(CREDIT_TYPES, {
    error: (issue) =>
      (RETIRED_CREDIT_TYPES as readonly unknown[]).includes(issue.input)
        ? `${String(issue.input)} is no longer a credit type: California and Florida licences accept AMA PRA Category 1 or P.A.C.E.® hours, and ASCP CMP points come from accepted credit; designate those`
        : `expected one of ${CREDIT_TYPES.join(', ')}`,
  }),
  maxCredits: z.number().positive().max(100),
  /** ACPE Universal Activity Number, required when type is acpe. */
  uan: z.string().max(40).optional(),
  /** Topic area the hours are allocated to (ASCP CMP, Florida required topics). */
  topicArea: z.string().max(100).optional(),
  /** P.A.C.E.®: the program number ASCLS assigned, printed on the certificate. */
  programNumber: z.string().trim().min(1).max(40).optional(),
  /** P.A.C.E.®: level of instruction, printed on the certificate. */
  levelOfInstruction: z.enum(INSTRUCTION_LEVELS).optional(),
});
export type CreditDesignation = z.infer<typeof creditDesignationSchema>;

export const competenceItemSchema = z.object({
  id: z.string().min(1),
  /** A case vignette the learner interprets (Moore level 4), or a plain question. */
  kind: z.enum(['vignette', 'question']),
  vignette: z.string().optional(),
  prompt: z.string().min(1),
  options: z.array(z.object({ id: z.string().min(1), text: z.string().min(1) })).min(2),
  correctOptionId: z.string().min(1),
});
export type CompetenceItem = z.infer<typeof competenceItemSchema>;

export const thresholdsSchema = z.object({
  /** Share of learners who pass the competence check, eventually. */
  competencePassRate: z.number().min(0).max(1).default(0.7),
  /** Mean rating (1..5) of objectives met and relevance. */
  evaluationMeanRating: z.number().min(1).max(5).default(4),
  /** Largest acceptable share who perceived commercial bias. */
  commercialBiasShare: z.number().min(0).max(1).default(0.1),
  followUpResponseRate: z.number().min(0).max(1).default(0.2),
  /** Share of follow-up respondents who implemented their change fully or partly. */
  implementedShare: z.number().min(0).max(1).default(0.5),
  /** Fewer answers than this and a measure is "too few responses to judge". */
  minResponses: z.number().int().min(1).default(5),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

// Sections left out get every default of the section (prefault: {} is parsed).
export const policySchema = z.object({
  credits: z.array(creditDesignationSchema).default([]),
  competence: z
    .object({
      passMark: z.number().min(0).max(1).default(0.7),
      maxAttempts: z.number().int().min(1).max(10).default(3),
      items: z.array(competenceItemSchema).default([]),
    })
    .prefault({}),
  windows: z
    .object({
      /** Unpaid this long after enrollment: the enrollment lapses. */
      payment: durationSchema.default('14d'),
      /** Enduring activities: completion expected within this long of payment. */
      completion: durationSchema.default('365d'),
      /** Competence check, evaluation and claim expected within this long of completion. */
      submission: durationSchema.default('60d'),
      /** Learner links expire this long after they are issued (at most MAX_LINK_EXPIRY). */
      linkExpiry: durationSchema
        .refine((d) => (durationMs(d) ?? 0) <= toMs(MAX_LINK_EXPIRY), `at most ${MAX_LINK_EXPIRY}`)
        .default('30d'),
      /**
       * From completion: when a learner who has not finished the check, the
       * evaluation and the claim is reminded, before the window closes it as abandoned.
       */
      submissionReminders: z.array(durationSchema).max(5).default(['14d', '45d']),
    })
    .prefault({}),
  followUp: z
    .object({
      enabled: z.boolean().default(true),
      /** After the activity ends (live) or the learner completes (enduring). */
      delay: durationSchema.default('90d'),
      /** Offsets from the follow-up email at which reminders go out, until answered. */
      reminders: z.array(durationSchema).default(['7d', '14d']),
      /** The follow-up closes this long after the first email. */
      closeAfter: durationSchema.default('30d'),
    })
    .prefault({}),
  thresholds: thresholdsSchema.prefault({}),
  /**
   * Topic areas the activity covers (ASCP CMP content areas, Florida's required
   * topics), with the hours on each when only part of it is: credential
   * maintenance allocates the learner's credit to them. Optional for old policies.
   */
  topicAreas: z
    .array(z.object({ area: z.enum(TOPIC_AREAS), hours: z.number().positive().max(100).optional() }))
    .max(20)
    .default([]),
  disclosures: z
    .object({
      /**
       * Hold each learner's enrollment email (which lists the disclosures) until
       * everyone who controls content has disclosed and every relevant
       * relationship is mitigated.
       */
      holdEnrollmentEmails: z.boolean().default(false),
    })
    .prefault({}),
  /** Waiver reasons that skip payment (members, faculty). */
  feeWaivers: z.array(z.string()).default(['faculty']),
});
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

export const activityInputSchema = z.object({
  title: z.string().min(1).max(300),
  programId: z.string().min(1).max(100).default('default'),
  /** The series this activity repeats (e.g. a yearly course): reviews' actions carry over along it. */
  seriesId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or dash only')
    .optional(),
  providerName: z.string().min(1).max(200),
  format: z.enum(['live', 'enduring']),
  startsAt: instantSchema,
  endsAt: instantSchema,
  location: z.string().max(300).optional(),
  learningObjectives: z.array(z.string().trim().min(1).max(500)).min(1).max(30),
  priceCents: centsSchema,
  currency: currencySchema.default('USD'),
  policy: policySchema,
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

/** A stored policy, with defaults filled in for policies saved before a field existed. */
export function policyOrDefaults(stored: unknown): Policy {
  const parsed = policySchema.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}

export const DEFAULT_POLICY: Policy = policySchema.parse({});

// The enrollment API's contract: one entry per operation, with the zod schemas
// that validate requests on the server, document them in /openapi.json and
// type the client. The routes and the client are both built from this file,
// so the three cannot drift apart.
import { z } from 'zod';
import { CERTIFICATE_KINDS, CLAIMED_TYPES, CREDIT_TYPES } from '../domain/policy.js';
import { activityInputSchema } from '../domain/policy-schema.js';
import { parseUan } from '../domain/uan.js';
import { designationProblems } from '../domain/designation-rules.js';
import { durationMs } from '../domain/bounds-schema.js';
import { ENROLLMENT_OUTCOMES, ENROLLMENT_STAGES, FOLLOW_UP_STATUSES } from '../domain/enrollment.js';
import { learnerInputSchema } from '../enrollment/schemas.js';
import { profileSchema } from '../domain/profile-schema.js';
import { CREDENTIAL_KINDS, PROFESSIONS } from '../domain/profile.js';

// The request bodies of events and submissions, under the API's names.
export * from '../enrollment/schemas.js';
export { apiErrorSchema } from '../http/errors.js';

// ---- parameters ----------------------------------------------------------

/** Activity ids become part of workflow ids (enrollment:<activity>:<learner>), so no colons. */
export const activityIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or dash only');
export const activityParams = z.object({ activityId: activityIdSchema });
export const enrollmentParams = z.object({ enrollmentId: z.uuid('expected an enrollment id (uuid)') });
export const outboxParams = z.object({ emailId: z.uuid('expected an email id (uuid)') });

// ---- activity ------------------------------------------------------------

/**
 * An activity as the enrollment system sends it: the domain schema plus the
 * checks that need several fields at once (dates in order, a valid UAN for an
 * ACPE designation, answer keys among the options), each reported at its path.
 */
export const activityRequestSchema = activityInputSchema.superRefine((a, ctx) => {
  const problem = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (Date.parse(a.endsAt) < Date.parse(a.startsAt)) problem(['endsAt'], 'must not be before startsAt');
  const seenTypes = new Set<string>();
  a.policy.credits.forEach((d, i) => {
    if (seenTypes.has(d.type)) problem(['policy', 'credits', i, 'type'], `${d.type} is designated twice`);
    seenTypes.add(d.type);
    if (Math.abs(d.maxCredits * 4 - Math.round(d.maxCredits * 4)) > 1e-9)
      problem(['policy', 'credits', i, 'maxCredits'], 'designate credits in steps of 0.25');
    if (d.type === 'acpe') {
      if (!d.uan)
        problem(['policy', 'credits', i, 'uan'], 'an ACPE designation needs the Universal Activity Number');
      else if (!parseUan(d.uan))
        problem(['policy', 'credits', i, 'uan'], `"${d.uan}" is not a UAN like 0001-0000-26-001-L01-P`);
    }
  });
  for (const p of designationProblems({ ...a, credits: a.policy.credits })) problem(p.path, p.message);
  const itemIds = new Set<string>();
  a.policy.competence.items.forEach((item, i) => {
    if (itemIds.has(item.id))
      problem(['policy', 'competence', 'items', i, 'id'], `"${item.id}" is used twice`);
    itemIds.add(item.id);
    const optionIds = item.options.map((o) => o.id);
    if (new Set(optionIds).size !== optionIds.length)
      problem(['policy', 'competence', 'items', i, 'options'], 'option ids must be unique');
    if (!optionIds.includes(item.correctOptionId))
      problem(
        ['policy', 'competence', 'items', i, 'correctOptionId'],
        `"${item.correctOptionId}" is not one of the item's options`,
      );
  });
  const close = durationMs(a.policy.followUp.closeAfter) ?? Infinity;
  a.policy.followUp.reminders.forEach((r, i) => {
    if ((durationMs(r) ?? -1) >= close)
      problem(
        ['policy', 'followUp', 'reminders', i],
        `a reminder at ${r} would come after the close at ${a.policy.followUp.closeAfter}`,
      );
  });
});

export const activitySavedSchema = z.object({
  activityId: z.string(),
  created: z.boolean().describe('true when the activity is new, false when it was updated'),
});

export const activityViewSchema = activityInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  enrollments: z.number().int().describe('How many learners are enrolled'),
});

// ---- enrollment ----------------------------------------------------------

export const enrollRequestSchema = z.object({
  learner: learnerInputSchema,
  /** A waiver reason the activity's policy accepts (e.g. faculty): no payment expected. */
  feeWaiver: z.string().min(1).max(100).optional(),
});

export const enrollmentCreatedSchema = z.object({
  enrollmentId: z.string(),
  workflowId: z.string(),
  activityId: z.string(),
  learnerId: z.string(),
  created: z
    .boolean()
    .describe('false when the learner was already enrolled: this is the existing enrollment'),
});

const claimLineSchema = z.object({ creditType: z.enum(CLAIMED_TYPES), credits: z.number() });

export const enrollmentStateSchema = z.object({
  stage: z.enum(ENROLLMENT_STAGES),
  outcome: z.enum(ENROLLMENT_OUTCOMES).nullable(),
  followUpStatus: z.enum(FOLLOW_UP_STATUSES).nullable(),
  paid: z.boolean(),
  minutesAttended: z.number(),
  competenceAttempts: z.number(),
  competencePassed: z.boolean(),
  evaluated: z.boolean(),
  claims: z.array(claimLineSchema),
  followUpRemindersSent: z.number(),
  timestamps: z.record(z.string(), z.string().optional()),
});

export const enrollmentViewSchema = z.object({
  enrollmentId: z.string(),
  activityId: z.string(),
  learnerId: z.string(),
  workflowId: z.string(),
  feeWaiver: z.string().nullable(),
  state: enrollmentStateSchema,
  stages: z
    .array(z.object({ stage: z.string(), at: z.string() }))
    .describe('Stages reached, in order, with when'),
});

/** A signal was delivered; the workflow applies it on its own time (GET the enrollment to see the effect). */
export const acceptedSchema = z.object({ enrollmentId: z.string(), accepted: z.literal(true) });

export const competenceResultSchema = z.object({
  attemptNo: z.number().int(),
  score: z.number(),
  passed: z.boolean(),
  attemptsLeft: z.number().int(),
  itemResults: z.record(z.string(), z.boolean()),
});

export const recordedSchema = z.object({ enrollmentId: z.string(), recorded: z.literal(true) });

export const claimResultSchema = z.object({ claims: z.array(claimLineSchema) });

export const claimableSchema = z.object({
  enrollmentId: z.string(),
  /** null for an enduring activity completed on demand: it counts as its designated time. */
  minutesAttended: z.number().nullable(),
  credits: z.array(
    z.object({
      creditType: z.enum(CREDIT_TYPES),
      label: z.string(),
      designated: z.number(),
      max: z.number().describe('Most the learner may claim now; 0 when unavailable'),
      reason: z.string().optional().describe('Why the type is unavailable or capped below the designation'),
      countsToward: z
        .array(z.string())
        .describe(
          "The learner's licences and certifications these hours count toward (California, Florida, ASCP CMP)",
        ),
    }),
  ),
  participation: z
    .object({ hours: z.number().describe('Hours of participation the certificate states') })
    .nullable()
    .describe('When no type is claimable: the certificate of participation a claim with no lines issues'),
});

// ---- operator: mail whose delivery is unknown ---------------------------

export const outboxEntrySchema = z.object({
  id: z.string(),
  enrollmentId: z.string().nullable(),
  kind: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  status: z.string(),
  createdAt: z.string(),
});
export const outboxListSchema = z.object({ emails: z.array(outboxEntrySchema) });
export const outboxQuery = z.object({
  status: z.enum(['unconfirmed', 'failed', 'held', 'pending', 'sending', 'sent']).default('unconfirmed'),
});
export const resentSchema = z.object({ id: z.string(), status: z.string(), messageId: z.string() });

// ---- transcript ---------------------------------------------------------

export const learnerParams = z.object({ learnerId: z.string().min(1).max(100) });

export const transcriptSchema = z.object({
  provider: z.object({ name: z.string(), contact: z.string() }).describe('Who issues the certificates'),
  learnerId: z.string(),
  learnerName: z.string(),
  generatedAt: z.string(),
  entries: z.array(
    z.object({
      certificateNumber: z.string(),
      activityId: z.string(),
      activityTitle: z.string(),
      providerName: z.string(),
      format: z.enum(['live', 'enduring']),
      startsAt: z.string(),
      endsAt: z.string(),
      creditType: z.enum(CERTIFICATE_KINDS),
      creditLabel: z.string(),
      credits: z.number(),
      claimedAt: z.string().nullable(),
      issuedAt: z.string(),
      verificationUrl: z.string(),
    }),
  ),
  totals: z.array(
    z.object({ creditType: z.enum(CERTIFICATE_KINDS), creditLabel: z.string(), credits: z.number() }),
  ),
});

// ---- learner profile ----------------------------------------------------

/** The whole profile; a field left out is cleared, credentials replace the learner's list. */
export const profileRequestSchema = profileSchema;

export const profileViewSchema = z.object({
  learnerId: z.string(),
  profession: z.enum(PROFESSIONS).nullable().describe('Decides which credit types the learner may claim'),
  nabpEProfileId: z.string().nullable().describe('NABP e-Profile ID, for ACPE credit'),
  birthMonthDay: z.string().nullable().describe('MMDD, reported to CPE Monitor with the e-Profile ID'),
  credentials: z.array(
    z.object({
      kind: z.enum(CREDENTIAL_KINDS),
      identifier: z.string().describe('Licence number or certification id'),
      state: z.string().nullable(),
      subtype: z.string().nullable().describe('California licence type, Florida level, ASCP certification'),
      category: z.string().nullable().describe('California limited-CLS specialty, Florida category'),
      cycleStartsOn: z.string().nullable(),
      cycleEndsOn: z.string().nullable(),
    }),
  ),
});

/** Optional on every submission: the same key again answers the first result instead of submitting twice. */
export const idempotencyHeaders = z
  .object({
    'idempotency-key': z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, 'visible ASCII characters only')
      .optional()
      .describe("A key of the caller's choosing, the same for each retry of one submission"),
  })
  .passthrough();

/** A submission stored but not yet recorded (its worker is busy or down): send the same request again. */
export const pendingSchema = z
  .object({
    error: z.string(),
    details: z.object({ submissionId: z.string(), status: z.literal('pending') }),
  })
  .describe('Received, not yet recorded: the same request again (after Retry-After) answers the result');

/** Staff: enrollments whose workflow task keeps failing. */
export const stuckListSchema = z.object({
  enrollments: z.array(
    z.object({
      enrollmentId: z.string().nullable(),
      workflowId: z.string(),
      runId: z.string(),
      problems: z
        .array(z.string())
        .describe('As Temporal reports them, e.g. cause=WorkflowTaskFailedCauseNonDeterministicError'),
      attempts: z.number().int().describe('Failed attempts of the current workflow task'),
      since: z.string().nullable(),
    }),
  ),
});

/** Staff: what a reset did. */
export const resetResultSchema = z.object({
  enrollmentId: z.string(),
  workflowId: z.string(),
  runId: z.string().describe('The run the reset made; the enrollment goes on there'),
  resetToEventId: z.number().int(),
  reason: z.string(),
});

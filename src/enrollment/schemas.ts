// The shapes of what the enrollment system and learners send. These check the
// form of a request (400 naming the field); the workflow then checks what needs
// its state (the stage, the activity's items and objectives, the credit rules).
import { z } from 'zod';
import { CREDIT_TYPES } from '../domain/policy.js';
import { IMPLEMENTED_ANSWERS } from '../domain/enrollment.js';
import { RATING_MAX, RATING_MIN } from '../domain/ratings.js';
import { MAX_FOLLOW_UP_EMAILS } from '../domain/submission-rules.js';
import { profileFieldsSchema } from '../domain/profile-schema.js';
import { centsSchema, currencySchema, emailSchema, instantSchema } from '../domain/bounds-schema.js';
import type {
  AttendanceEvent,
  ClaimSubmission,
  CompetenceSubmission,
  EvaluationSubmission,
  FollowUpSubmission,
  PaymentEvent,
  WithdrawalEvent,
} from '../../workflows/messages.js';

const now = () => new Date().toISOString();
const timestamp = instantSchema;
const shortText = (max: number) => z.string().trim().max(max);

export const learnerInputSchema = z.object({
  /** The enrollment system's learner id; part of the workflow id, so no colons. */
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits, dot, underscore, @ or dash only'),
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  ...profileFieldsSchema.shape,
  // Replaced by credentials; refused so a caller still sending them hears it instead of losing them.
  stateLicences: z
    .never({
      error:
        'replaced by credentials: [{ "kind": "state_licence", "state": "CA", "subtype": "cls", "identifier": "…" }]',
    })
    .optional(),
  ascpId: z
    .never({
      error:
        'replaced by credentials: [{ "kind": "ascp_certification", "subtype": "MLS", "identifier": "…" }]',
    })
    .optional(),
});
export type LearnerInput = z.infer<typeof learnerInputSchema>;

export const paymentEventSchema = z.object({
  amountCents: centsSchema,
  currency: currencySchema,
  reference: z.string().min(1).max(200),
  receivedAt: timestamp.default(now),
}) satisfies z.ZodType<PaymentEvent, unknown>;

export const attendanceEventSchema = z.object({
  eventKey: z.string().min(1).max(200),
  minutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  sessionId: z.string().min(1).max(200).optional(),
  completed: z.boolean().default(false),
  recordedAt: timestamp.default(now),
}) satisfies z.ZodType<AttendanceEvent, unknown>;

export const withdrawalSchema = z.object({
  reason: z.string().trim().min(1).max(500),
  refundReference: z.string().min(1).max(200).optional(),
  at: timestamp.default(now),
}) satisfies z.ZodType<WithdrawalEvent, unknown>;

export const competenceSubmissionSchema = z.object({
  /** itemId → chosen option id. */
  answers: z.record(z.string().min(1), z.string().min(1)),
  /** The attempt these answers are for (1 for the first): a retried request is then never a second attempt. */
  attemptNo: z.number().int().min(1).max(100).optional(),
}) satisfies z.ZodType<CompetenceSubmission, unknown>;

const rating = z.number().int().min(RATING_MIN).max(RATING_MAX);

export const evaluationSubmissionSchema = z.object({
  /** One rating 1..5 per learning objective, in the activity's order. */
  objectiveRatings: z.array(rating).min(1).max(50),
  relevance: rating,
  freeOfCommercialBias: z.boolean(),
  biasComment: shortText(2000).optional(),
  /** What the learner intends to change in practice; quoted back in the follow-up. */
  commitment: z.string().trim().min(1, 'write what you intend to change in practice').max(2000),
  comments: shortText(4000).optional(),
}) satisfies z.ZodType<EvaluationSubmission, unknown>;

export const claimSubmissionSchema = z.object({
  claims: z
    .array(z.object({ creditType: z.enum(CREDIT_TYPES), credits: z.number().positive().max(100) }))
    .max(CREDIT_TYPES.length)
    .describe(
      'One line per credit type; none asks for a certificate of participation (only when no type is claimable)',
    ),
}) satisfies z.ZodType<ClaimSubmission, unknown>;

export const followUpSubmissionSchema = z.object({
  implemented: z.enum(IMPLEMENTED_ANSWERS),
  barriers: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  /** 1..5, how confident the learner is in sustaining the change. */
  confidence: rating.optional(),
  comments: shortText(4000).optional(),
  /** Which email's one-click link brought the answer (0 = the first, n = reminder n), when relayed from one. */
  viaEmail: z.number().int().min(0).max(MAX_FOLLOW_UP_EMAILS).optional(),
}) satisfies z.ZodType<FollowUpSubmission, unknown>;

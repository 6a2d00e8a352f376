// The reporting routes' schemas: what staff send and get back (JSON), with the
// limits every field has (src/http/input-rule.ts refuses control characters).
import { z } from 'zod';
import { REGULATORS, SUBMISSION_STATUSES } from '../domain/reporting.js';
import { birthMonthDaySchema, nabpEProfileIdSchema } from '../domain/profile-schema.js';
import { dateBetween } from '../domain/bounds-schema.js';

/** Browsers sign in here (the staff token in a cookie for /reporting). */
// Browsers sign in where every staff page does (src/identity): a session for the person's key.
export const SIGN_IN = '/reports/login';
export const staffConfig = { auth: 'staff' as const, signIn: SIGN_IN };
export const tags = ['reporting'];

export const regulatorSchema = z.enum(REGULATORS);
const day = dateBetween(2000, 2100);
const note = z.string().trim().max(500).optional();

export const listQuery = z.object({
  regulator: regulatorSchema.optional(),
  status: z.enum(SUBMISSION_STATUSES).optional(),
  activity: z.string().min(1).max(200).optional(),
  dueBefore: day.optional(),
  format: z.enum(['html', 'json', 'csv']).optional(),
  token: z.string().max(500).optional(),
});

export const entrySchema = z.object({
  id: z.string(),
  regulator: regulatorSchema,
  activityId: z.string(),
  activityTitle: z.string(),
  enrollmentId: z.string(),
  learnerName: z.string(),
  creditType: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  late: z.boolean().describe('Past its deadline and not accepted, or accepted after it'),
  completedAt: z.string(),
  dueAt: z.string().nullable(),
  attempts: z.number(),
  revision: z.number(),
  transport: z.enum(['web_service', 'file']).nullable(),
  blockedReason: z.string().nullable(),
  rejectionKind: z.string().nullable(),
  rejectionMessage: z.string().nullable(),
  deliveryUnknown: z.boolean(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export const ledgerSchema = z.object({ submissions: z.array(entrySchema) });

export const detailSchema = entrySchema.extend({
  payload: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string(),
  confirmation: z.string().nullable(),
  events: z.array(
    z.object({
      action: z.string(),
      actor: z.string(),
      detail: z.record(z.string(), z.unknown()),
      at: z.string(),
    }),
  ),
  requests: z.array(
    z.object({
      attemptNo: z.number(),
      state: z.string(),
      request: z.string(),
      httpStatus: z.number().nullable(),
      response: z.string().nullable(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
});

export const submissionParams = z.object({ submissionId: z.uuid('a submission id') });
export const actionBody = z.object({ note }).default({});
export const correctionBody = z
  .object({
    nabpEProfileId: nabpEProfileIdSchema.optional(),
    birthMonthDay: birthMonthDaySchema.optional(),
    licenceNumber: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'letters, digits, space, dot, slash or dash only')
      .optional(),
    note,
  })
  .refine((b) => b.nabpEProfileId || b.birthMonthDay || b.licenceNumber, {
    message: 'give nabpEProfileId, birthMonthDay or licenceNumber',
  });
export const actionResultSchema = z.object({
  id: z.string(),
  status: z.enum(SUBMISSION_STATUSES),
  revision: z.number(),
});

export const fileParams = z.object({ regulator: regulatorSchema });
export const fileQuery = z.object({ from: day, to: day, token: z.string().max(500).optional() });
export const uploadedBody = z.object({ submissionIds: z.array(z.uuid()).min(1).max(5000) });
export const uploadedSchema = z.object({ submitted: z.array(z.string()) });
export const yearQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  token: z.string().max(500).optional(),
});

export const activityParams = z.object({ activityId: z.string().min(1).max(200) });
export const registrationBody = z.object({
  ceBrokerCourseId: z
    .string()
    .regex(/^20-\d{1,9}$/, 'a CE Broker course tracking number like 20-123456')
    .nullable()
    .optional(),
  parsActivityId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'letters, digits and dashes, at most 40')
    .nullable()
    .optional(),
});
const countsSchema = z.object({
  regulator: regulatorSchema,
  total: z.number(),
  accepted: z.number(),
  pending: z.number(),
  rejected: z.number(),
  late: z.number(),
});
export const registrationSchema = z.object({
  activityId: z.string(),
  ceBrokerCourseId: z.string().nullable(),
  parsActivityId: z.string().nullable(),
  uanCheck: z.record(z.string(), z.unknown()).nullable(),
  counts: z.array(countsSchema),
});

export const transportBody = z.object({
  url: z.url().max(500).nullable().describe('The web service; null: file only'),
  username: z.string().max(200).optional(),
  secret: z.string().max(500).optional().describe('Password or upload key; never shown back'),
  providerId: z.string().max(40).optional(),
});
export const transportSchema = z.object({
  regulator: regulatorSchema,
  mode: z.enum(['web_service', 'file']),
  url: z.string().nullable(),
  providerId: z.string(),
  hasSecret: z.boolean(),
  source: z.enum(['environment', 'staff']),
});
export const transportsSchema = z.object({ transports: z.array(transportSchema) });

// The zod schemas of the credential maintenance routes (the LMS's dashboard
// JSON, CE from elsewhere, staff's requirements and review), shared by the
// routes and the typed client.
import { z } from 'zod';
import { learnerParams } from '../enrollment-api/contract.js';
import { requirementBodySchema, requirementIdSchema } from '../domain/credential-requirements-schema.js';
import { ENTRY_KINDS, ENTRY_STATUSES, TOPIC_AREAS } from '../domain/topics.js';
import { CREDENTIAL_KINDS } from '../domain/profile.js';
import { cycleDateSchema } from '../domain/profile-schema.js';

export { apiErrorSchema } from '../http/errors.js';
export { learnerParams, requirementBodySchema, requirementIdSchema };

export const credentialParams = learnerParams.extend({ credentialKey: z.string().min(1).max(200) });
export const moveParams = credentialParams.extend({ sourceId: z.string().min(1).max(100) });
export const entryParams = learnerParams.extend({ entryId: z.string().min(1).max(100) });
export const staffEntryParams = z.object({ entryId: z.string().min(1).max(100) });
export const requirementParams = z.object({ requirementId: z.string().min(1).max(60) });

export const requirementSchema = z.object({ id: z.string(), ...requirementBodySchema.shape });
export const requirementListSchema = z.object({ requirements: z.array(requirementSchema) });
export const requirementSavedSchema = z.object({ created: z.boolean(), requirement: requirementSchema });

export const cycleRequestSchema = z
  .object({ cycleStartsOn: cycleDateSchema.nullish(), cycleEndsOn: cycleDateSchema.nullish() })
  .refine((c) => c.cycleStartsOn !== undefined || c.cycleEndsOn !== undefined, {
    message: 'send cycleStartsOn, cycleEndsOn or both',
  });
export const moveRequestSchema = z.object({
  /** Hours (points) of the source per requirement id; the rest of it counts toward the total only. */
  split: z.record(z.string().max(60), z.number().min(0).max(500)),
});
export const remindersRequestSchema = z.object({ enabled: z.boolean() });
export const reviewRequestSchema = z.object({
  status: z.enum(['verified', 'needs_more']),
  note: z.string().max(1000).nullish(),
});
export const entryStatusQuery = z.object({ status: z.enum(ENTRY_STATUSES).default('submitted') });

/** The multipart fields of a new entry, as documented (the route reads them itself). */
export const entryMultipartSchema = z.object({
  title: z.string().max(300),
  provider: z.string().max(200),
  completedOn: z.string().describe('YYYY-MM-DD, not in the future'),
  amount: z.string().describe('hours or points, more than 0, in steps of 0.25'),
  unit: z.enum(['hours', 'points']).optional(),
  kind: z.enum(ENTRY_KINDS),
  topics: z.array(z.enum(TOPIC_AREAS)).optional().describe('repeat the field, or comma-separated'),
  evidence: z.string().meta({ format: 'binary' }).describe('PDF, JPEG, PNG or WebP, within EVIDENCE_MAX_MB'),
});

export const entrySchema = z.object({
  entryId: z.string(),
  learnerId: z.string(),
  title: z.string(),
  provider: z.string(),
  completedOn: z.string(),
  amount: z.number(),
  unit: z.enum(['hours', 'points']),
  kind: z.enum(ENTRY_KINDS),
  topics: z.array(z.enum(TOPIC_AREAS)),
  status: z.enum(ENTRY_STATUSES),
  staffNote: z.string().nullable(),
  evidence: z.object({ filename: z.string(), contentType: z.string(), size: z.number() }).nullable(),
  createdAt: z.string(),
});
export const entryListSchema = z.object({ entries: z.array(entrySchema) });

const sourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  hours: z.number(),
  counts: z.boolean(),
  reason: z.string().optional(),
});
const topicStandingSchema = z.object({
  id: z.string(),
  label: z.string(),
  earned: z.number(),
  needed: z.number(),
  remaining: z.number(),
  met: z.boolean(),
  from: z.array(z.object({ sourceId: z.string(), title: z.string(), hours: z.number() })),
  why: z.string(),
});
const suggestionSchema = z.object({
  activityId: z.string(),
  title: z.string(),
  format: z.enum(['live', 'enduring']),
  startsAt: z.string(),
  endsAt: z.string(),
  hours: z.number(),
  fills: z.array(z.string()),
});

export const credentialStatusSchema = z.object({
  credentialKey: z.string(),
  description: z.string(),
  kind: z.enum(CREDENTIAL_KINDS),
  state: z.string().nullable(),
  subtype: z.string().nullable(),
  category: z.string().nullable(),
  identifier: z.string(),
  requirement: z
    .object({
      id: z.string(),
      name: z.string(),
      unit: z.enum(['points', 'hours']),
      total: z.number(),
      cycleYears: z.number(),
      source: z.string(),
    })
    .nullable(),
  cycle: z.object({ startsOn: z.string(), endsOn: z.string() }).nullable(),
  daysLeft: z.number().nullable(),
  earned: z.number(),
  needed: z.number(),
  remaining: z.number(),
  totalMet: z.boolean(),
  allMet: z.boolean(),
  met: z.number(),
  of: z.number(),
  academic: z.object({ offered: z.number(), counted: z.number(), cap: z.number() }).nullable(),
  topics: z.array(topicStandingSchema),
  sources: z.array(sourceSchema),
  moved: z.array(z.string()),
  why: z.array(z.string()),
  suggestions: z.array(suggestionSchema),
  remindersOff: z.boolean(),
});
export const dashboardSchema = z.object({
  learnerId: z.string(),
  generatedAt: z.string(),
  today: z.string(),
  credentials: z.array(credentialStatusSchema),
});

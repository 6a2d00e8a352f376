// The parts of the reports the CE office's workspace adds: answers by the
// email that brought them, commitments grouped beside their outcomes, the
// disclosures' status, tracked actions, and the before/after comparison
// along a series. Spread into the report schemas in ./schemas.ts.
import { z } from 'zod';
import { count, ratio } from '../domain/report-shapes.js';
import { CONTENT_ROLES } from '../db/schema/disclosures.js';
import { disclosureStatusSchema } from '../disclosures/schemas.js';
import { actionSchema } from './actions.js';

export const followUpEmailSchema = z.object({
  /** 0 = the first email, n = reminder n; null = answered without an email link. */
  email: z.number().int().nullable(),
  label: z.string(),
  /** How many received this email; null for answers without a link. */
  sent: count.nullable(),
  /** Answers whose link came in this email. */
  answered: count,
  /** answered / sent. */
  rate: ratio,
});

export const commitmentGroupSchema = z.object({
  label: z.string(),
  /** Learners who wrote a commitment of this group. */
  count,
  wordings: z.array(z.object({ text: z.string(), count })),
  followUp: z.object({
    sent: count,
    answered: count,
    fully: count,
    partly: count,
    not: count,
  }),
  barriers: z.array(z.object({ barrier: z.string(), count })),
});

const intervalSchema = z.object({ low: z.number(), high: z.number() }).nullable();
const sideSchema = z.object({ value: ratio, n: count, interval: intervalSchema });

export const seriesMeasureSchema = z.object({
  measure: z.string(),
  kind: z.enum(['share', 'mean']),
  before: sideSchema,
  after: sideSchema,
  /** after − before. */
  difference: ratio,
  differenceInterval: intervalSchema,
  change: z.enum(['better', 'worse', 'no_clear_change', 'not_enough_data']),
});

const activityRefSchema = z.object({ id: z.string(), title: z.string(), startsAt: z.string() });

export const seriesComparisonSchema = z.object({
  seriesId: z.string(),
  /** Compared with the activity the committee last reviewed, or (no review yet) the previous one. */
  basis: z.enum(['last_review', 'previous_activity']),
  before: activityRefSchema,
  after: activityRefSchema,
  review: z
    .object({ id: z.string(), reviewedOn: z.string(), decision: z.string(), changes: z.string() })
    .nullable(),
  /** Actions required by reviews of earlier activities of the series. */
  actions: z.array(actionSchema),
  measures: z.array(seriesMeasureSchema),
  method: z.string(),
});

/** Each person who controls content, where their disclosure stands (no email: the report is the committee's). */
const disclosurePersonSchema = z.object({
  name: z.string(),
  roles: z.array(z.enum(CONTENT_ROLES)),
  disclosure: z.enum(['not_received', 'nothing_to_disclose', 'relationships']),
  relationships: z.number().int(),
  undecided: z.number().int(),
  unmitigated: z.number().int(),
});

/** What the workspace adds to an activity's report. */
export const activityWorkspaceShape = {
  seriesId: z.string().nullable(),
  programName: z.string(),
  followUpEmails: z.array(followUpEmailSchema),
  commitmentGroups: z.array(commitmentGroupSchema),
  commitmentGrouping: z.string(),
  disclosures: disclosureStatusSchema,
  disclosurePeople: z.array(disclosurePersonSchema),
  /** Actions required by this activity's reviews. */
  actions: z.array(actionSchema),
  series: seriesComparisonSchema.nullable(),
};

export type DisclosurePerson = z.infer<typeof disclosurePersonSchema>;
export type FollowUpEmail = z.infer<typeof followUpEmailSchema>;
export type CommitmentGroupSummary = z.infer<typeof commitmentGroupSchema>;
export type SeriesMeasure = z.infer<typeof seriesMeasureSchema>;
export type SeriesComparison = z.infer<typeof seriesComparisonSchema>;

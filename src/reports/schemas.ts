// The shapes of the committee reports, as zod schemas: one typed object per
// report that HTML, CSV, the CLI table and the digest all render, and that the
// API answers as JSON (validated against these schemas on the way out).
import { z } from 'zod';
import type { HistogramBin } from '../domain/report-math.js';
import { activityMeasuresSchema, count, ratio } from '../domain/report-shapes.js';
import { activityWorkspaceShape } from './workspace-schemas.js';
import { actionSchema } from './actions.js';

export const activityHeaderSchema = z.object({
  id: z.string(),
  programId: z.string(),
  title: z.string(),
  format: z.enum(['live', 'enduring']),
  startsAt: z.string(),
  endsAt: z.string(),
});

export const itemAnalysisSchema = z.object({
  itemId: z.string(),
  kind: z.enum(['vignette', 'question', 'unknown']),
  prompt: z.string(),
  /** Learners whose first attempt included this item. */
  n: count,
  correct: count,
  /** Share correct on first attempts (higher = easier). */
  difficulty: ratio,
  /** Point-biserial correlation of correctness with total first-attempt score. */
  discrimination: ratio,
});

export const ratingSummarySchema = z.object({
  label: z.string(),
  n: count,
  mean: ratio,
  distribution: z.array(z.object({ rating: z.number().int(), count })),
});

export const creditSummarySchema = z.object({
  creditType: z.string(),
  label: z.string(),
  /** Designated maximum per learner; null when claims exist for a type no longer designated. */
  designatedMax: z.number().nullable(),
  claimants: count,
  totalClaimed: z.number(),
  meanClaimed: ratio,
  maxClaimed: z.number().nullable(),
  /** Claims of the full designated maximum. */
  atMaximum: count,
});

export const reviewSchema = z.object({
  id: z.string(),
  activityId: z.string().nullable(),
  programId: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  decision: z.enum(['acceptable', 'changes_required', 'not_acceptable']),
  changes: z.string(),
  reviewers: z.array(z.string()),
  reviewedOn: z.string(),
});

const histogramBinSchema = z.object({
  label: z.string(),
  from: z.number(),
  to: z.number(),
  count,
}) satisfies z.ZodType<HistogramBin>;

export const activityReportSchema = activityMeasuresSchema.extend({
  kind: z.literal('activity'),
  generatedAt: z.string(),
  activity: activityHeaderSchema,
  competenceDetail: z.object({
    passMark: z.number(),
    maxAttempts: count,
    /** First-attempt scores in ten bins. */
    distribution: z.array(histogramBinSchema),
    items: z.array(itemAnalysisSchema),
    discriminationMethod: z.string(),
  }),
  evaluationDetail: z.object({
    objectives: z.array(ratingSummarySchema),
    relevance: ratingSummarySchema,
  }),
  performanceDetail: z.object({
    remindersSent: count,
    /** Cumulative response rate after k reminders (0 = before any reminder). */
    afterReminders: z.array(z.object({ afterReminders: count, answered: count, rate: ratio })),
    barriers: z.array(z.object({ barrier: z.string(), count })),
    nonRespondents: count,
  }),
  credits: z.array(creditSummarySchema),
  /** Anonymous, alphabetically sorted: never tied to names. */
  freeText: z.object({
    commitments: z.array(z.string()),
    followUpComments: z.array(z.string()),
    biasComments: z.array(z.string()),
  }),
  reviews: z.array(reviewSchema),
  ...activityWorkspaceShape,
});

export const programActivityRowSchema = activityMeasuresSchema.extend({
  activity: activityHeaderSchema,
  latestReview: reviewSchema.nullable(),
});

export const trendPointSchema = z.object({
  /** YYYY-MM of the activities' start. */
  month: z.string(),
  activities: count,
  enrolled: count,
  competencePassRate: ratio,
  objectivesMean: ratio,
  responseRate: ratio,
  implementedShare: ratio,
});

export const programReportSchema = z.object({
  kind: z.literal('program'),
  generatedAt: z.string(),
  program: z.object({ id: z.string(), name: z.string() }),
  /** Activities starting on these days (UTC), both inclusive: YYYY-MM-DD. */
  period: z.object({ from: z.string(), to: z.string() }),
  activities: z.array(programActivityRowSchema),
  totals: activityMeasuresSchema,
  trend: z.array(trendPointSchema),
  commendation: z.object({
    /** What "most" means here. */
    definition: z.string(),
    activities: count,
    /** Activities with enough follow-up answers to judge. */
    judged: count,
    tooFewResponses: count,
    mostImplemented: count,
    /** mostImplemented / activities (the ACCME figure; target ≥ 0.1). */
    share: ratio,
    target: z.number(),
    meetsTarget: z.boolean(),
  }),
  reviews: z.array(reviewSchema),
  /** Actions of the program's reviews still open or in progress. */
  openActions: z.array(actionSchema),
});

export type { ActivityMeasures, Funnel } from '../domain/report-shapes.js';
export type ActivityHeader = z.infer<typeof activityHeaderSchema>;
export type ItemAnalysis = z.infer<typeof itemAnalysisSchema>;
export type RatingSummary = z.infer<typeof ratingSummarySchema>;
export type CreditSummary = z.infer<typeof creditSummarySchema>;
export type Review = z.infer<typeof reviewSchema>;
export type ActivityReport = z.infer<typeof activityReportSchema>;
export type ProgramActivityRow = z.infer<typeof programActivityRowSchema>;
export type TrendPoint = z.infer<typeof trendPointSchema>;
export type ProgramReport = z.infer<typeof programReportSchema>;

// The shapes of the measures a committee reads per activity (and summed per
// program), as zod schemas with their types. The report schemas in
// src/reports/schemas.ts are built from these. Not imported by workflows.
import { z } from 'zod';
import type { MeasureVerdict } from './report-math.js';

export const count = z.number().int();
/** A rate or mean; null when there is nothing to divide by. */
export const ratio = z.number().nullable();

export const funnelSchema = z.object({
  enrolled: count,
  /** Paid, or enrolled with a fee waiver. */
  paid: count,
  attended: count,
  competencePassedFirstAttempt: count,
  competencePassedEventually: count,
  evaluated: count,
  claimed: count,
  certified: count,
  followUpSent: count,
  followUpAnswered: count,
  lapsed: count,
  withdrawn: count,
  failedCompetence: count,
});

export const competenceSummarySchema = z.object({
  /** Learners with at least one attempt. */
  attempted: count,
  attempts: count,
  /** Mean first-attempt score, 0..1. */
  meanScore: ratio,
  passRateFirstAttempt: ratio,
  passRateEventually: ratio,
});

export const evaluationSummarySchema = z.object({
  responses: count,
  /** Mean of all objective ratings (1..5). */
  objectivesMean: ratio,
  relevanceMean: ratio,
  /** Learners who did not find the content free of commercial bias. */
  perceivedBias: count,
  perceivedBiasShare: ratio,
});

export const performanceSummarySchema = z.object({
  sent: count,
  answered: count,
  responseRate: ratio,
  fully: count,
  partly: count,
  not: count,
  fullyShare: ratio,
  partlyShare: ratio,
  notShare: ratio,
  /** Share of respondents who implemented their change fully or partly. */
  implementedShare: ratio,
  /** More than half of respondents implemented fully or partly; null = too few responses to judge. */
  mostImplemented: z.boolean().nullable(),
});

export const measureVerdictSchema = z.object({
  measure: z.string(),
  value: ratio,
  threshold: z.number(),
  direction: z.enum(['min', 'max']),
  n: count,
  minResponses: count,
  verdict: z.enum(['acceptable', 'below_threshold', 'too_few_responses']),
}) satisfies z.ZodType<MeasureVerdict>;

/** The measures every report shows per activity (program reports side by side). */
export const activityMeasuresSchema = z.object({
  funnel: funnelSchema,
  competence: competenceSummarySchema,
  evaluation: evaluationSummarySchema,
  performance: performanceSummarySchema,
  acceptability: z.array(measureVerdictSchema),
});

export type Funnel = z.infer<typeof funnelSchema>;
export type ActivityMeasures = z.infer<typeof activityMeasuresSchema>;

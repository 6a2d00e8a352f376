// The shapes of the committee reports. One typed object per report; HTML,
// CSV, the CLI table and the digest all render from it.
import type { HistogramBin, MeasureVerdict } from '../domain/report-math.js';

export interface Funnel {
  enrolled: number;
  /** Paid, or enrolled with a fee waiver. */
  paid: number;
  attended: number;
  competencePassedFirstAttempt: number;
  competencePassedEventually: number;
  evaluated: number;
  claimed: number;
  certified: number;
  followUpSent: number;
  followUpAnswered: number;
  lapsed: number;
  withdrawn: number;
  failedCompetence: number;
}

export interface CompetenceSummary {
  /** Learners with at least one attempt. */
  attempted: number;
  attempts: number;
  /** Mean first-attempt score, 0..1. */
  meanScore: number | null;
  passRateFirstAttempt: number | null;
  passRateEventually: number | null;
}

export interface EvaluationSummary {
  responses: number;
  /** Mean of all objective ratings (1..5). */
  objectivesMean: number | null;
  relevanceMean: number | null;
  /** Learners who did not find the content free of commercial bias. */
  perceivedBias: number;
  perceivedBiasShare: number | null;
}

export interface PerformanceSummary {
  sent: number;
  answered: number;
  responseRate: number | null;
  fully: number;
  partly: number;
  not: number;
  fullyShare: number | null;
  partlyShare: number | null;
  notShare: number | null;
  /** Share of respondents who implemented their change fully or partly. */
  implementedShare: number | null;
  /** More than half of respondents implemented fully or partly; null = too few responses to judge. */
  mostImplemented: boolean | null;
}

/** The measures every report shows per activity (program reports side by side). */
export interface ActivityMeasures {
  funnel: Funnel;
  competence: CompetenceSummary;
  evaluation: EvaluationSummary;
  performance: PerformanceSummary;
  acceptability: MeasureVerdict[];
}

export interface ActivityHeader {
  id: string;
  programId: string;
  title: string;
  format: 'live' | 'enduring';
  startsAt: string;
  endsAt: string;
}

export interface ItemAnalysis {
  itemId: string;
  kind: 'vignette' | 'question' | 'unknown';
  prompt: string;
  /** Learners whose first attempt included this item. */
  n: number;
  correct: number;
  /** Share correct on first attempts (higher = easier). */
  difficulty: number | null;
  /** Point-biserial correlation of correctness with total first-attempt score. */
  discrimination: number | null;
}

export interface RatingSummary {
  label: string;
  n: number;
  mean: number | null;
  distribution: { rating: number; count: number }[];
}

export interface CreditSummary {
  creditType: string;
  label: string;
  /** Designated maximum per learner; null when claims exist for a type no longer designated. */
  designatedMax: number | null;
  claimants: number;
  totalClaimed: number;
  meanClaimed: number | null;
  maxClaimed: number | null;
  /** Claims of the full designated maximum. */
  atMaximum: number;
}

export interface Review {
  id: string;
  activityId: string | null;
  programId: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  decision: 'acceptable' | 'changes_required' | 'not_acceptable';
  changes: string;
  reviewers: string[];
  reviewedOn: string;
}

export interface ActivityReport extends ActivityMeasures {
  kind: 'activity';
  generatedAt: string;
  activity: ActivityHeader;
  competenceDetail: {
    passMark: number;
    maxAttempts: number;
    /** First-attempt scores in ten bins. */
    distribution: HistogramBin[];
    items: ItemAnalysis[];
    discriminationMethod: string;
  };
  evaluationDetail: {
    objectives: RatingSummary[];
    relevance: RatingSummary;
  };
  performanceDetail: {
    remindersSent: number;
    /** Cumulative response rate after k reminders (0 = before any reminder). */
    afterReminders: { afterReminders: number; answered: number; rate: number | null }[];
    barriers: { barrier: string; count: number }[];
    nonRespondents: number;
  };
  credits: CreditSummary[];
  /** Anonymous, alphabetically sorted: never tied to names. */
  freeText: { commitments: string[]; followUpComments: string[]; biasComments: string[] };
  reviews: Review[];
}

export interface ProgramActivityRow extends ActivityMeasures {
  activity: ActivityHeader;
  latestReview: Review | null;
}

export interface TrendPoint {
  /** YYYY-MM of the activities' start. */
  month: string;
  activities: number;
  enrolled: number;
  competencePassRate: number | null;
  objectivesMean: number | null;
  responseRate: number | null;
  implementedShare: number | null;
}

export interface ProgramReport {
  kind: 'program';
  generatedAt: string;
  program: { id: string; name: string };
  /** Activities starting on these days (UTC), both inclusive: YYYY-MM-DD. */
  period: { from: string; to: string };
  activities: ProgramActivityRow[];
  totals: ActivityMeasures;
  trend: TrendPoint[];
  commendation: {
    /** What "most" means here. */
    definition: string;
    activities: number;
    /** Activities with enough follow-up answers to judge. */
    judged: number;
    tooFewResponses: number;
    mostImplemented: number;
    /** mostImplemented / activities (the ACCME figure; target ≥ 0.1). */
    share: number | null;
    target: number;
    meetsTarget: boolean;
  };
  reviews: Review[];
}

// One activity's outcome report: one statement over the activity summaries
// and the committee's records, assembled into the typed object every output form renders.
import type { Database } from '../db/client.js';
import type { activities } from '../db/schema/index.js';
import { CREDIT_TYPE_LABELS, type CreditType } from '../domain/policy.js';
import {
  cumulativeResponseRates,
  itemDifficulty,
  mean,
  pointBiserial,
  ratingDistribution,
  round,
  scoreHistogram,
} from '../domain/report-math.js';
import { NotFound } from '../domain/errors.js';
import { measuresFrom } from '../domain/report-measures.js';
import { inputsFrom } from './queries/inputs.js';
import type { RatingRow } from './queries/aggregates.js';
import { readActivityStatement } from './queries/activity-statement.js';
import { activityWorkspace } from './activity-workspace.js';
import { storedPolicy } from './stored-policy.js';
import type {
  ActivityHeader,
  ActivityReport,
  CreditSummary,
  ItemAnalysis,
  RatingSummary,
} from './schemas.js';

export const DISCRIMINATION_METHOD =
  'Point-biserial correlation between answering the item correctly and the total score, over first attempts (uncorrected: the item counts in the total). Below 0.2 the item separates strong from weak learners poorly; negative means learners who did well overall tended to miss it.';

type HeaderColumns = 'id' | 'programId' | 'title' | 'format' | 'startsAt' | 'endsAt';

export function headerOf(row: Pick<typeof activities.$inferSelect, HeaderColumns>): ActivityHeader {
  return {
    id: row.id,
    programId: row.programId,
    title: row.title,
    format: row.format,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  };
}

function ratingSummary(label: string, rows: RatingRow[]): RatingSummary {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.rating, (counts.get(r.rating) ?? 0) + r.count);
  const n = rows.reduce((a, r) => a + r.count, 0);
  const sum = rows.reduce((a, r) => a + r.rating * r.count, 0);
  return { label, n, mean: round(mean(sum, n), 4), distribution: ratingDistribution(counts) };
}

/**
 * One statement reads everything (./queries/activity-statement.ts): it sees
 * one snapshot by itself, so no repeatable-read transaction is needed for the
 * sections, the reviews and the workspace to agree.
 */
export async function activityReport(
  db: Database,
  activityId: string,
  now = new Date(),
): Promise<ActivityReport> {
  const found = await readActivityStatement(db, activityId);
  if (!found) throw new NotFound(`activityId: no activity "${activityId}"`);
  const row = {
    ...found.activity,
    startsAt: new Date(found.activity.startsAt),
    endsAt: new Date(found.activity.endsAt),
  };
  const policy = storedPolicy(row.policy);
  const {
    funnel,
    competence,
    bins,
    items,
    evaluation,
    ratings,
    followUps,
    barriers,
    reminders,
    credits,
    text,
  } = found;

  const measures = measuresFrom(
    inputsFrom(funnel[0], competence[0], evaluation[0], followUps),
    policy.thresholds,
  );

  const itemById = new Map(items.map((i) => [i.item_id, i]));
  const knownIds = new Set(policy.competence.items.map((i) => i.id));
  const itemAnalysis: ItemAnalysis[] = [
    ...policy.competence.items.map((i) => ({ id: i.id, kind: i.kind, prompt: i.prompt })),
    // Items answered in the past but since removed from the policy still get a row.
    ...items
      .filter((i) => !knownIds.has(i.item_id))
      .map((i) => ({ id: i.item_id, kind: 'unknown' as const, prompt: '(no longer in the policy)' })),
  ].map(({ id, kind, prompt }) => {
    const s = itemById.get(id);
    const stats = s
      ? {
          n: s.n,
          correct: s.correct,
          sumScoreCorrect: s.sum_score_correct,
          sumScore: s.sum_score,
          sumScoreSquared: s.sum_score_squared,
        }
      : { n: 0, correct: 0, sumScoreCorrect: 0, sumScore: 0, sumScoreSquared: 0 };
    return {
      itemId: id,
      kind,
      prompt,
      n: stats.n,
      correct: stats.correct,
      difficulty: round(itemDifficulty(stats), 4),
      discrimination: round(pointBiserial(stats), 4),
    };
  });

  const byObjective = new Map<number, RatingRow[]>();
  for (const r of ratings) byObjective.set(r.objective, [...(byObjective.get(r.objective) ?? []), r]);
  const objectives = row.learningObjectives.map((label, idx) =>
    ratingSummary(label, byObjective.get(idx + 1) ?? []),
  );

  const answeredByReminders = new Map<number, number>();
  for (const f of followUps)
    answeredByReminders.set(f.reminders_before, (answeredByReminders.get(f.reminders_before) ?? 0) + f.count);

  const designated = new Map(policy.credits.map((c) => [c.type as string, c.maxCredits]));
  const claimedTypes = new Map(credits.map((c) => [c.credit_type, c]));
  const creditSummaries: CreditSummary[] = [...new Set([...designated.keys(), ...claimedTypes.keys()])].map(
    (type) => {
      const c = claimedTypes.get(type);
      return {
        creditType: type,
        label:
          type === 'participation'
            ? 'Certificates of participation (hours)'
            : (CREDIT_TYPE_LABELS[type as CreditType] ?? type),
        designatedMax: designated.get(type) ?? null,
        claimants: c?.claimants ?? 0,
        totalClaimed: round(c?.total ?? 0, 2) ?? 0,
        meanClaimed: round(c ? mean(c.total, c.claimants) : null, 2),
        maxClaimed: c ? round(c.max_claimed, 2) : null,
        atMaximum: c?.at_maximum ?? 0,
      };
    },
  );

  return {
    kind: 'activity',
    generatedAt: now.toISOString(),
    activity: headerOf(row),
    ...measures,
    competenceDetail: {
      passMark: policy.competence.passMark,
      maxAttempts: policy.competence.maxAttempts,
      distribution: scoreHistogram(new Map(bins.map((b) => [b.bin, b.count]))),
      items: itemAnalysis,
      discriminationMethod: DISCRIMINATION_METHOD,
    },
    evaluationDetail: {
      objectives,
      relevance: ratingSummary('Relevance to practice', byObjective.get(0) ?? []),
    },
    performanceDetail: {
      remindersSent: reminders[0]?.reminders_sent ?? 0,
      afterReminders: cumulativeResponseRates(
        answeredByReminders,
        measures.performance.sent,
        policy.followUp.reminders.length,
      ).map((s) => ({ ...s, rate: round(s.rate, 4) })),
      barriers: barriers.map((b) => ({ barrier: b.barrier, count: b.count })),
      nonRespondents: Math.max(0, measures.performance.sent - measures.performance.answered),
    },
    credits: creditSummaries,
    freeText: text,
    reviews: found.reviews,
    ...activityWorkspace(found),
  };
}

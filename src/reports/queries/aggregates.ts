// The aggregate queries behind every report. Each takes a scope, a SQL
// subquery yielding activity ids, and groups by activity, so one activity's
// report and a program's 200 activities run the same few GROUP BYs instead of
// loading rows into JS. Each reads the activities' summaries of their closed
// enrollments plus the open ones row by row (./sections.ts).
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from './sql.js';
import * as sections from './sections.js';

/** Scope of one activity. */
export const oneActivity = (activityId: string): SQL => sql`select ${activityId}::text`;

/** Scope of a program's activities starting in [from, to). */
export const programPeriod = (programId: string, from: Date, to: Date): SQL =>
  sql`select id from activities where program_id = ${programId} and starts_at >= ${from.toISOString()}::timestamptz and starts_at < ${to.toISOString()}::timestamptz`;

export interface FunnelRow {
  activity_id: string;
  enrolled: number;
  paid: number;
  attended: number;
  evaluated: number;
  claimed: number;
  certified: number;
  follow_up_sent: number;
  follow_up_answered: number;
  lapsed: number;
  withdrawn: number;
  failed_competence: number;
}

export function funnelRows(db: Database, scope: SQL): Promise<FunnelRow[]> {
  return queryRows<FunnelRow>(db, sections.funnelSql(scope));
}

export interface CompetenceRow {
  activity_id: string;
  /** Learners with at least one attempt. */
  attempted: number;
  attempts: number;
  passed_first: number;
  passed_eventually: number;
  first_scores: number;
  first_score_sum: number;
}

export function competenceRows(db: Database, scope: SQL): Promise<CompetenceRow[]> {
  return queryRows<CompetenceRow>(db, sections.competenceSql(scope));
}

export interface ScoreBinRow {
  activity_id: string;
  bin: number;
  count: number;
}

/** First-attempt scores in ten bins; the epsilon matches scoreBin() in report-math. */
export function scoreBinRows(db: Database, scope: SQL): Promise<ScoreBinRow[]> {
  return queryRows<ScoreBinRow>(db, sections.scoreBinSql(scope));
}

export interface ItemRow {
  activity_id: string;
  item_id: string;
  n: number;
  correct: number;
  sum_score_correct: number;
  sum_score: number;
  sum_score_squared: number;
}

/** Sufficient statistics per item over first attempts (difficulty and point-biserial). */
export function itemRows(db: Database, scope: SQL): Promise<ItemRow[]> {
  return queryRows<ItemRow>(db, sections.itemSql(scope));
}

export interface EvaluationRow {
  activity_id: string;
  responses: number;
  perceived_bias: number;
  relevance_sum: number;
  rating_count: number;
  rating_sum: number;
}

export function evaluationRows(db: Database, scope: SQL): Promise<EvaluationRow[]> {
  return queryRows<EvaluationRow>(db, sections.evaluationSql(scope));
}

export interface RatingRow {
  activity_id: string;
  /** 1-based objective position; 0 = relevance. */
  objective: number;
  rating: number;
  count: number;
}

/** Distribution of ratings per objective (objective ≥ 1) and of relevance (objective 0). */
export function ratingRows(db: Database, scope: SQL): Promise<RatingRow[]> {
  return queryRows<RatingRow>(db, sections.ratingSql(scope));
}

export interface FollowUpRow {
  activity_id: string;
  reminders_before: number;
  implemented: 'fully' | 'partly' | 'not';
  count: number;
}

export function followUpRows(db: Database, scope: SQL): Promise<FollowUpRow[]> {
  return queryRows<FollowUpRow>(db, sections.followUpSql(scope));
}

export interface BarrierRow {
  activity_id: string;
  barrier: string;
  count: number;
}

export function barrierRows(db: Database, scope: SQL): Promise<BarrierRow[]> {
  return queryRows<BarrierRow>(db, sections.barrierSql(scope));
}

export interface ReminderRow {
  activity_id: string;
  reminders_sent: number;
}

export function reminderRows(db: Database, scope: SQL): Promise<ReminderRow[]> {
  return queryRows<ReminderRow>(db, sections.reminderSql(scope));
}

export interface CreditRow {
  activity_id: string;
  credit_type: string;
  claimants: number;
  total: number;
  max_claimed: number;
  at_maximum: number;
}

/** Claims per credit type, and the certificates of participation of learners who could claim none on their own line. */
export function creditRows(db: Database, scope: SQL): Promise<CreditRow[]> {
  return queryRows<CreditRow>(db, sections.creditSql(scope));
}

/**
 * Free text for the committee, with no names or ids and sorted alphabetically
 * so that order cannot tie a statement back to an enrollment.
 */
export async function freeText(
  db: Database,
  activityId: string,
  limit = 200,
): Promise<{ commitments: string[]; followUpComments: string[]; biasComments: string[] }> {
  const pick = (kind: 'commitment' | 'follow_up_comment' | 'bias_comment') =>
    queryRows<{ text: string }>(db, sections.freeTextSql(activityId, kind, limit)).then((rows) =>
      rows.map((r) => r.text),
    );
  const [commitments, followUpComments, biasComments] = await Promise.all([
    pick('commitment'),
    pick('follow_up_comment'),
    pick('bias_comment'),
  ]);
  return { commitments, followUpComments, biasComments };
}

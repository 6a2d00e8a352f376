// The reports home: every program, and the activities matching a search and
// a period, each with its verdict badges, where its follow-up stands, its
// latest review and whether its disclosures are complete.
import { z } from 'zod';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { policyOrDefaults } from '../domain/policy-schema.js';
import { measuresFrom } from '../domain/report-measures.js';
import type { Policy } from '../domain/policy.js';
import { disclosuresComplete } from '../disclosures/status.js';
import { followUpClosesAt } from './digest/digest.js';
import { competenceRows, evaluationRows, followUpRows, funnelRows } from './queries/aggregates.js';
import { inputsFrom } from './queries/inputs.js';
import { groupBy, idList, inReportSnapshot, queryRows } from './queries/sql.js';
import { latestReviews } from './queries/latest-reviews.js';
import { listPrograms, programSchema } from './programs.js';
import { activityHeaderSchema, reviewSchema } from './schemas.js';

/** Activities listed at most; the search narrows them down. */
export const HOME_LIMIT = 500;

export const homeActivitySchema = z.object({
  activity: activityHeaderSchema,
  programName: z.string(),
  seriesId: z.string().nullable(),
  verdicts: z.object({
    acceptable: z.number().int(),
    belowThreshold: z.number().int(),
    tooFewResponses: z.number().int(),
  }),
  followUp: z.object({
    status: z.enum(['off', 'not_started', 'open', 'closed']),
    sent: z.number().int(),
    answered: z.number().int(),
    closesAt: z.string().nullable(),
  }),
  enrolled: z.number().int(),
  latestReview: reviewSchema.nullable(),
  disclosuresComplete: z.boolean(),
});

export const reportsHomeSchema = z.object({
  generatedAt: z.string(),
  filter: z.object({
    q: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    programId: z.string().nullable(),
  }),
  programs: z.array(programSchema),
  activities: z.array(homeActivitySchema),
  /** More activities matched than are listed: narrow the search. */
  truncated: z.boolean(),
});
export type ReportsHome = z.infer<typeof reportsHomeSchema>;
export type HomeActivity = z.infer<typeof homeActivitySchema>;

export interface HomeFilter {
  q?: string;
  /** Activities starting on or after this day (YYYY-MM-DD). */
  from?: string;
  /** Activities starting on or before this day. */
  to?: string;
  programId?: string;
}

/** ILIKE pattern matching the text anywhere, with its wildcards taken literally. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function matching(f: HomeFilter): SQL {
  const where: SQL[] = [sql`true`];
  if (f.from) where.push(sql`a.starts_at >= ${`${f.from}T00:00:00Z`}::timestamptz`);
  if (f.to) where.push(sql`a.starts_at < ${`${f.to}T00:00:00Z`}::timestamptz + interval '1 day'`);
  if (f.programId) where.push(sql`a.program_id = ${f.programId}`);
  if (f.q) {
    const p = containing(f.q);
    where.push(
      sql`(a.title ilike ${p} or a.id ilike ${p} or coalesce(a.series_id, '') ilike ${p} or a.program_id ilike ${p} or coalesce(p.name, '') ilike ${p})`,
    );
  }
  return sql.join(where, sql` and `);
}

function followUpState(
  a: { endsAt: Date; policy: unknown },
  policy: Policy,
  now: Date,
): HomeActivity['followUp']['status'] {
  if (!policy.followUp.enabled) return 'off';
  const closes = followUpClosesAt(a);
  if (closes && closes <= now) return 'closed';
  return a.endsAt.getTime() + 1 <= now.getTime() ? 'open' : 'not_started';
}

export function reportsHome(db: Database, f: HomeFilter, now: Date): Promise<ReportsHome> {
  return inReportSnapshot(db, async (tx) => {
    const rows = await queryRows<{
      id: string;
      program_id: string;
      program_name: string | null;
      series_id: string | null;
      title: string;
      format: 'live' | 'enduring';
      starts_at: string | Date;
      ends_at: string | Date;
      policy: unknown;
    }>(
      tx,
      sql`select a.id, a.program_id, p.name as program_name, a.series_id, a.title, a.format, a.starts_at, a.ends_at, a.policy
      from activities a left join programs p on p.id = a.program_id
      where ${matching(f)}
      order by a.starts_at desc, a.id limit ${HOME_LIMIT + 1}`,
    );
    const list = rows.slice(0, HOME_LIMIT);
    const ids = list.map((r) => r.id);
    const scope = idList(ids);
    const funnel = new Map((await funnelRows(tx, scope)).map((r) => [r.activity_id, r]));
    const competence = new Map((await competenceRows(tx, scope)).map((r) => [r.activity_id, r]));
    const evaluation = new Map((await evaluationRows(tx, scope)).map((r) => [r.activity_id, r]));
    const followUps = groupBy(await followUpRows(tx, scope), (r) => r.activity_id);
    const reviews = await latestReviews(tx, ids);
    const disclosed = await disclosuresComplete(tx, ids);

    const activities: HomeActivity[] = list.map((r) => {
      const policy = policyOrDefaults(r.policy);
      const m = measuresFrom(
        inputsFrom(funnel.get(r.id), competence.get(r.id), evaluation.get(r.id), followUps.get(r.id)),
        policy.thresholds,
      );
      const verdict = (v: string) => m.acceptability.filter((x) => x.verdict === v).length;
      const endsAt = new Date(r.ends_at);
      const closes = followUpClosesAt({ endsAt, policy: r.policy });
      return {
        activity: {
          id: r.id,
          programId: r.program_id,
          title: r.title,
          format: r.format,
          startsAt: new Date(r.starts_at).toISOString(),
          endsAt: endsAt.toISOString(),
        },
        programName: r.program_name ?? r.program_id,
        seriesId: r.series_id,
        verdicts: {
          acceptable: verdict('acceptable'),
          belowThreshold: verdict('below_threshold'),
          tooFewResponses: verdict('too_few_responses'),
        },
        followUp: {
          status: followUpState({ endsAt, policy: r.policy }, policy, now),
          sent: m.performance.sent,
          answered: m.performance.answered,
          closesAt: closes ? closes.toISOString() : null,
        },
        enrolled: m.funnel.enrolled,
        latestReview: reviews.get(r.id) ?? null,
        disclosuresComplete: disclosed.get(r.id) ?? false,
      };
    });
    return {
      generatedAt: now.toISOString(),
      filter: { q: f.q ?? null, from: f.from ?? null, to: f.to ?? null, programId: f.programId ?? null },
      programs: await listPrograms(tx),
      activities,
      truncated: rows.length > HOME_LIMIT,
    };
  });
}

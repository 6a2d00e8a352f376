// The yearly accreditation data (for the accreditor's annual report, e.g.
// ACCME PARS): the activities that started in the year, their hours of
// instruction, learners by profession, which outcomes were measured and the
// results, with totals.
import { z } from 'zod';
import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, programs } from '../db/schema/index.js';
import { CREDIT_TYPE_LABELS } from '../domain/policy.js';
import { policyOrDefaults } from '../domain/policy-schema.js';
import { measuresFrom } from '../domain/report-measures.js';
import { count, ratio } from '../domain/report-shapes.js';
import { competenceRows, evaluationRows, followUpRows, funnelRows } from './queries/aggregates.js';
import { distinctLearners, professionRows } from './queries/annual.js';
import { inputsFrom } from './queries/inputs.js';
import { professionLabel } from './queries/profession.js';
import { groupBy, idList, inReportSnapshot } from './queries/sql.js';

export const ANNUAL_DEFINITIONS = {
  hours:
    'Hours of instruction: the largest credit designated for the activity (1 AMA PRA Category 1 Credit™, ACPE or P.A.C.E.® contact hour, or ASCP CMP point = 1 hour); empty when none is designated.',
  learners:
    'Learners: enrollments whose attendance was completed (participants), counted per activity; distinctLearners counts each person once across the year.',
  competence:
    'Competence (Moore 4) is measured when learners took the case-vignette check; the result is the share who passed (eventually).',
  performance:
    'Performance (Moore 5) is measured when the follow-up questionnaire went out; the results are the response rate and the share of respondents who implemented their change fully or partly.',
  evaluation:
    'Satisfaction (Moore 2) is measured when learners evaluated the activity; the result is the mean rating of the objectives (1–5).',
};

/** `profession` is the profile's code (`not_stated` when the learner gave none); `label` reads as the profile form says it. */
const professionCount = z.object({ profession: z.string(), label: z.string(), learners: count });

const annualActivitySchema = z.object({
  id: z.string(),
  title: z.string(),
  programId: z.string(),
  programName: z.string(),
  format: z.enum(['live', 'enduring']),
  startsAt: z.string(),
  endsAt: z.string(),
  hours: z.number().nullable(),
  credits: z.array(z.object({ type: z.string(), label: z.string(), maxCredits: z.number() })),
  learners: count,
  certified: count,
  learnersByProfession: z.array(professionCount),
  outcomes: z.object({
    evaluation: z.object({ measured: z.boolean(), n: count, objectivesMean: ratio }),
    competence: z.object({ measured: z.boolean(), n: count, passRate: ratio }),
    performance: z.object({
      measured: z.boolean(),
      sent: count,
      answered: count,
      responseRate: ratio,
      implementedShare: ratio,
    }),
  }),
});

export const annualReportSchema = z.object({
  kind: z.literal('annual'),
  year: z.number().int(),
  programId: z.string().nullable(),
  generatedAt: z.string(),
  definitions: z.record(z.string(), z.string()),
  totals: z.object({
    activities: count,
    hours: z.number(),
    learners: count,
    distinctLearners: count,
    certified: count,
    learnersByProfession: z.array(professionCount),
    measuringCompetence: count,
    measuringPerformance: count,
  }),
  activities: z.array(annualActivitySchema),
});
export type AnnualReport = z.infer<typeof annualReportSchema>;

export function annualReport(
  db: Database,
  year: number,
  programId: string | undefined,
  now: Date,
): Promise<AnnualReport> {
  return inReportSnapshot(db, async (tx) => {
    const where: SQL[] = [
      gte(activities.startsAt, new Date(Date.UTC(year, 0, 1))),
      lt(activities.startsAt, new Date(Date.UTC(year + 1, 0, 1))),
    ];
    if (programId) where.push(eq(activities.programId, programId));
    const list = await tx
      .select({ a: activities, programName: programs.name })
      .from(activities)
      .leftJoin(programs, eq(programs.id, activities.programId))
      .where(and(...where))
      .orderBy(asc(activities.startsAt), asc(activities.id));
    const scope = idList(list.map((r) => r.a.id));
    const funnel = new Map((await funnelRows(tx, scope)).map((r) => [r.activity_id, r]));
    const competence = new Map((await competenceRows(tx, scope)).map((r) => [r.activity_id, r]));
    const evaluation = new Map((await evaluationRows(tx, scope)).map((r) => [r.activity_id, r]));
    const followUps = groupBy(await followUpRows(tx, scope), (r) => r.activity_id);
    const professions = groupBy(await professionRows(tx, scope), (r) => r.activity_id);
    const [distinct] = await distinctLearners(tx, scope);

    const rows = list.map(({ a, programName }) => {
      const policy = policyOrDefaults(a.policy);
      const m = measuresFrom(
        inputsFrom(funnel.get(a.id), competence.get(a.id), evaluation.get(a.id), followUps.get(a.id)),
      );
      const byProfession = (professions.get(a.id) ?? []).map((p) => ({
        profession: p.profession,
        label: professionLabel(p.profession),
        learners: p.learners,
      }));
      return {
        id: a.id,
        title: a.title,
        programId: a.programId,
        programName: programName ?? a.programId,
        format: a.format,
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        hours: policy.credits.length ? Math.max(...policy.credits.map((c) => c.maxCredits)) : null,
        credits: policy.credits.map((c) => ({
          type: c.type,
          label: CREDIT_TYPE_LABELS[c.type],
          maxCredits: c.maxCredits,
        })),
        learners: byProfession.reduce((s, p) => s + p.learners, 0),
        certified: (professions.get(a.id) ?? []).reduce((s, p) => s + p.certified, 0),
        learnersByProfession: byProfession,
        outcomes: {
          evaluation: {
            measured: m.evaluation.responses > 0,
            n: m.evaluation.responses,
            objectivesMean: m.evaluation.objectivesMean,
          },
          competence: {
            measured: m.competence.attempted > 0,
            n: m.competence.attempted,
            passRate: m.competence.passRateEventually,
          },
          performance: {
            measured: m.performance.sent > 0,
            sent: m.performance.sent,
            answered: m.performance.answered,
            responseRate: m.performance.responseRate,
            implementedShare: m.performance.implementedShare,
          },
        },
      };
    });
    const byProfession = new Map<string, number>();
    for (const r of rows)
      for (const p of r.learnersByProfession)
        byProfession.set(p.profession, (byProfession.get(p.profession) ?? 0) + p.learners);
    return {
      kind: 'annual' as const,
      year,
      programId: programId ?? null,
      generatedAt: now.toISOString(),
      definitions: ANNUAL_DEFINITIONS,
      totals: {
        activities: rows.length,
        hours: rows.reduce((s, r) => s + (r.hours ?? 0), 0),
        learners: rows.reduce((s, r) => s + r.learners, 0),
        distinctLearners: distinct?.n ?? 0,
        certified: rows.reduce((s, r) => s + r.certified, 0),
        learnersByProfession: [...byProfession.entries()]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([profession, learners]) => ({ profession, label: professionLabel(profession), learners })),
        measuringCompetence: rows.filter((r) => r.outcomes.competence.measured).length,
        measuringPerformance: rows.filter((r) => r.outcomes.performance.measured).length,
      },
      activities: rows,
    };
  });
}

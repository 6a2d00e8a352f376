// The yearly accreditation data as CSV: one line per activity with a column
// per profession, and a totals line.
import type { AnnualReport } from '../annual.js';
import { toCsv } from './csv.js';

export function annualCsv(r: AnnualReport): string {
  const professions = r.totals.learnersByProfession.map((p) => p.profession);
  const header = [
    'activity_id',
    'title',
    'program_id',
    'format',
    'starts_on',
    'ends_on',
    'hours',
    'learners',
    'certified',
    ...professions.map((p) => `learners_${p}`),
    'evaluation_measured',
    'evaluations',
    'objectives_mean',
    'competence_measured',
    'competence_n',
    'competence_pass_rate',
    'performance_measured',
    'follow_up_sent',
    'follow_up_answered',
    'response_rate',
    'implemented_share',
  ];
  const rows: unknown[][] = [header];
  for (const a of r.activities) {
    const o = a.outcomes;
    const by = new Map(a.learnersByProfession.map((p) => [p.profession, p.learners]));
    rows.push([
      a.id,
      a.title,
      a.programId,
      a.format,
      a.startsAt.slice(0, 10),
      a.endsAt.slice(0, 10),
      a.hours,
      a.learners,
      a.certified,
      ...professions.map((p) => by.get(p) ?? 0),
      o.evaluation.measured,
      o.evaluation.n,
      o.evaluation.objectivesMean,
      o.competence.measured,
      o.competence.n,
      o.competence.passRate,
      o.performance.measured,
      o.performance.sent,
      o.performance.answered,
      o.performance.responseRate,
      o.performance.implementedShare,
    ]);
  }
  const t = r.totals;
  rows.push([
    'TOTAL',
    `${t.activities} activities`,
    r.programId ?? '',
    '',
    `${r.year}-01-01`,
    `${r.year}-12-31`,
    t.hours,
    t.learners,
    t.certified,
    ...t.learnersByProfession.map((p) => p.learners),
    t.activities ? r.activities.filter((a) => a.outcomes.evaluation.measured).length : 0,
    '',
    '',
    t.measuringCompetence,
    '',
    '',
    t.measuringPerformance,
    '',
    '',
    '',
    '',
  ]);
  return toCsv(rows);
}

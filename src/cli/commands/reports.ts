// `ce-outcomes report activity|program …`: the committee reports in a terminal,
// fetched from the API (JSON or CSV) and printed as tables.
import { parseArgs } from 'node:util';
import { CliError, type CliCommand, type CliContext } from '../command.js';
import { formatTable } from '../table.js';
import {
  DECISION_LABELS,
  MEASURE_LABELS,
  VERDICT_LABELS,
  formatMeasure,
  funnelSteps,
} from '../../reports/views/labels.js';
import { num, pct } from '../../platform/format.js';
import type { ActivityReport, ProgramReport } from '../../reports/schemas.js';
import type { AnnualReport } from '../../reports/annual.js';

const USAGE =
  'report activity <activityId> [--format table|json|csv] | report program <programId> --from YYYY-MM-DD --to YYYY-MM-DD [--format …] | report annual <year> [--program id] [--format …]';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

async function fetchReport(ctx: CliContext, path: string, format: 'json' | 'csv'): Promise<string> {
  const sep = path.includes('?') ? '&' : '?';
  let res: Response;
  try {
    res = await fetch(`${ctx.apiUrl.replace(/\/$/, '')}${path}${sep}format=${format}`, {
      headers: {
        authorization: `Bearer ${ctx.token}`,
        accept: format === 'csv' ? 'text/csv' : 'application/json',
      },
    });
  } catch (err) {
    throw new CliError(`cannot reach ${ctx.apiUrl}: ${(err as Error).message}`);
  }
  const body = await res.text();
  if (!res.ok) {
    let message = body;
    try {
      message = (JSON.parse(body) as { error?: string }).error ?? body;
    } catch {
      // not JSON: keep the text
    }
    throw new CliError(`HTTP ${res.status}: ${message}`);
  }
  return body;
}

function verdictRows(r: { acceptability: ActivityReport['acceptability'] }): string[][] {
  return r.acceptability.map((v) => [
    MEASURE_LABELS[v.measure] ?? v.measure,
    formatMeasure(v.measure, v.value),
    `${v.direction === 'max' ? '<=' : '>='} ${formatMeasure(v.measure, v.threshold)}`,
    String(v.n),
    VERDICT_LABELS[v.verdict],
  ]);
}

function disclosureLine(r: ActivityReport): string {
  const d = r.disclosures;
  const missing = r.disclosurePeople.filter((p) => p.disclosure === 'not_received').map((p) => p.name);
  return (
    `Disclosures: ${d.complete ? 'complete' : 'incomplete'}; ${d.disclosed} of ${d.people} disclosed` +
    (missing.length ? ` (waiting for ${missing.join(', ')})` : '') +
    `, ${d.undecided} relationship(s) to decide, ${d.unmitigated} relevant without mitigation`
  );
}

export function activityTable(r: ActivityReport): string {
  const f = r.funnel;
  const p = r.performance;
  const out = [
    `${r.activity.title} (${r.activity.id}), ${r.activity.startsAt.slice(0, 10)}, program ${r.activity.programId}`,
    '',
    formatTable(['Acceptability', 'Observed', 'Threshold', 'n', 'Verdict'], verdictRows(r)),
    '',
    formatTable(
      ['Funnel', 'Learners'],
      [
        ...funnelSteps(f),
        { label: 'Lapsed', value: f.lapsed },
        { label: 'Withdrawn', value: f.withdrawn },
      ].map(({ label, value }) => [label, String(value)]),
    ),
    '',
    `Competence: mean first-attempt score ${pct(r.competence.meanScore)}, pass rate ${pct(r.competence.passRateFirstAttempt)} first attempt, ${pct(r.competence.passRateEventually)} eventually (${r.competence.attempted} learners)`,
    formatTable(
      ['Item', 'n', 'Difficulty', 'Discrimination'],
      r.competenceDetail.items.map((i) => [i.itemId, String(i.n), pct(i.difficulty), num(i.discrimination)]),
    ),
    '',
    formatTable(
      ['Evaluation (1-5)', 'n', 'Mean'],
      [...r.evaluationDetail.objectives, r.evaluationDetail.relevance].map((o) => [
        o.label,
        String(o.n),
        num(o.mean),
      ]),
    ),
    `Perceived commercial bias: ${r.evaluation.perceivedBias} of ${r.evaluation.responses} (${pct(r.evaluation.perceivedBiasShare)})`,
    '',
    `Follow-up: ${p.answered} of ${p.sent} answered (${pct(p.responseRate)}); ` +
      r.performanceDetail.afterReminders
        .map((s) => `after ${s.afterReminders} reminder(s) ${pct(s.rate)}`)
        .join(', '),
    `Implemented: fully ${p.fully} (${pct(p.fullyShare)}), partly ${p.partly} (${pct(p.partlyShare)}), not ${p.not} (${pct(p.notShare)})`,
    `Barriers: ${r.performanceDetail.barriers.map((b) => `${b.barrier} ${b.count}`).join(', ') || 'none named'}`,
    '',
    disclosureLine(r),
    '',
    formatTable(
      ['Credit type', 'Designated max', 'Claimants', 'Total', 'Mean'],
      r.credits.map((c) => [
        c.label,
        num(c.designatedMax),
        String(c.claimants),
        num(c.totalClaimed),
        num(c.meanClaimed),
      ]),
    ),
    '',
    r.reviews.length
      ? formatTable(
          ['Reviewed on', 'Decision', 'Changes', 'Reviewers'],
          r.reviews.map((v) => [
            v.reviewedOn,
            DECISION_LABELS[v.decision],
            v.changes,
            v.reviewers.join(', '),
          ]),
        )
      : 'No committee review recorded yet.',
  ];
  return out.join('\n');
}

export function programTable(r: ProgramReport): string {
  const cm = r.commendation;
  const verdict = (row: ProgramReport['activities'][number], m: string) => {
    const v = row.acceptability.find((x) => x.measure === m);
    if (!v) return '';
    const mark =
      v.verdict === 'acceptable' ? '' : v.verdict === 'below_threshold' ? ' (below)' : ` (n=${v.n})`;
    return `${formatMeasure(m, v.value)}${mark}`;
  };
  return [
    `${r.program.name} (${r.program.id}): activities starting ${r.period.from} to ${r.period.to}`,
    '',
    formatTable(
      [
        'Activity',
        'Start',
        'Enrolled',
        'Pass rate',
        'Objectives',
        'Bias',
        'Response',
        'Implemented',
        'Most impl.',
        'Review',
      ],
      r.activities.map((a) => [
        a.activity.id,
        a.activity.startsAt.slice(0, 10),
        String(a.funnel.enrolled),
        verdict(a, 'competencePassRate'),
        verdict(a, 'objectivesMean'),
        verdict(a, 'commercialBiasShare'),
        verdict(a, 'followUpResponseRate'),
        verdict(a, 'implementedShare'),
        a.performance.mostImplemented === null ? 'too few' : a.performance.mostImplemented ? 'yes' : 'no',
        a.latestReview ? DECISION_LABELS[a.latestReview.decision] : '',
      ]),
    ),
    '',
    `Most respondents implemented their change (fully or partly) in ${cm.mostImplemented} of ${cm.activities} activities (${pct(cm.share)}; target ${pct(cm.target)}: ${cm.meetsTarget ? 'met' : 'not met'}); ${cm.tooFewResponses} with too few responses to judge.`,
    '',
    formatTable(
      ['Month', 'Activities', 'Enrolled', 'Pass rate', 'Response', 'Implemented'],
      r.trend.map((t) => [
        t.month,
        String(t.activities),
        String(t.enrolled),
        pct(t.competencePassRate),
        pct(t.responseRate),
        pct(t.implementedShare),
      ]),
    ),
  ].join('\n');
}

export function annualTable(r: AnnualReport): string {
  const t = r.totals;
  return [
    `Accreditation data ${r.year}${r.programId ? `, program ${r.programId}` : ''}: ${t.activities} activities, ${t.hours} hours, ${t.learners} learners (${t.distinctLearners} people), ${t.certified} certified`,
    `Learners by profession: ${t.learnersByProfession.map((p) => `${p.label} ${p.learners}`).join(', ') || 'none'}`,
    '',
    formatTable(
      ['Activity', 'Start', 'Hours', 'Learners', 'Competence', 'Performance'],
      r.activities.map((a) => [
        a.id,
        a.startsAt.slice(0, 10),
        a.hours === null ? '' : String(a.hours),
        String(a.learners),
        a.outcomes.competence.measured
          ? `pass ${pct(a.outcomes.competence.passRate)} (n=${a.outcomes.competence.n})`
          : 'not measured',
        a.outcomes.performance.measured
          ? `implemented ${pct(a.outcomes.performance.implementedShare)} of ${a.outcomes.performance.answered}`
          : 'not measured',
      ]),
    ),
  ].join('\n');
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'table' },
        from: { type: 'string' },
        to: { type: 'string' },
        program: { type: 'string' },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]} (usage: ${USAGE})`);
  }
}

const report: CliCommand = {
  usage: USAGE,
  summary: 'Print an activity or program outcome report (table, JSON or CSV)',
  async run(argv, ctx) {
    const { positionals, values } = parse(argv);
    const [kind, id, ...extra] = positionals;
    if (!id || extra.length || !['activity', 'program', 'annual'].includes(kind))
      throw new CliError(`expected activity <id>, program <id> or annual <year> (usage: ${USAGE})`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new CliError(`--format: expected one of ${FORMATS.join(', ')}`);
    let path = `/reports/activities/${encodeURIComponent(id)}`;
    if (kind === 'annual') {
      if (!/^\d{4}$/.test(id)) throw new CliError(`year: expected a year like 2026, got "${id}"`);
      const program = values.program ? `&programId=${encodeURIComponent(values.program)}` : '';
      path = `/reports/annual?year=${id}${program}`;
    } else if (values.program) throw new CliError('--program: only for the annual data');
    if (kind === 'program') {
      for (const flag of ['from', 'to'] as const) {
        const v = values[flag];
        if (!v) throw new CliError(`--${flag}: required for a program report (YYYY-MM-DD)`);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new CliError(`--${flag}: expected YYYY-MM-DD, got "${v}"`);
      }
      path = `/reports/programs/${encodeURIComponent(id)}?from=${values.from}&to=${values.to}`;
    } else if (values.from || values.to) throw new CliError('--from/--to: only for program reports');
    if (format === 'csv') {
      ctx.out((await fetchReport(ctx, path, 'csv')).trimEnd());
      return;
    }
    const body = await fetchReport(ctx, path, 'json');
    if (format === 'json') {
      ctx.out(body);
      return;
    }
    const parsed = JSON.parse(body) as ActivityReport | ProgramReport | AnnualReport;
    ctx.out(
      parsed.kind === 'program'
        ? programTable(parsed)
        : parsed.kind === 'annual'
          ? annualTable(parsed)
          : activityTable(parsed),
    );
  },
};

export const reportsCommands: Record<string, CliCommand> = { report };

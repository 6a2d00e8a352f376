// CSV forms of the reports, with the same (unformatted) values as the JSON.
// Activity: long format, one figure per line (section, subject, measure, value).
// Program: one line per activity, plus a totals line.
import type { ActivityReport, ProgramReport, ActivityMeasures } from '../schemas.js';
import { MEASURE_LABELS } from './labels.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Text a spreadsheet would run as a formula (= + - @, or a tab or CR first) is
  // prefixed with ' (OWASP's CSV injection rule); numbers are written as they are.
  const safe = typeof v !== 'number' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function activityCsv(r: ActivityReport): string {
  const rows: unknown[][] = [['section', 'subject', 'measure', 'value']];
  const add = (section: string, subject: string, measure: string, value: unknown) =>
    rows.push([section, subject, measure, value]);
  add('activity', r.activity.id, 'title', r.activity.title);
  add('activity', r.activity.id, 'startsAt', r.activity.startsAt);
  for (const [k, v] of Object.entries(r.funnel)) add('funnel', '', k, v);
  for (const [k, v] of Object.entries(r.competence)) add('competence', '', k, v);
  for (const b of r.competenceDetail.distribution)
    add('competence', 'first-attempt scores', b.label, b.count);
  for (const i of r.competenceDetail.items) {
    add('item', i.itemId, 'n', i.n);
    add('item', i.itemId, 'correct', i.correct);
    add('item', i.itemId, 'difficulty', i.difficulty);
    add('item', i.itemId, 'discrimination', i.discrimination);
  }
  for (const [k, v] of Object.entries(r.evaluation)) add('evaluation', '', k, v);
  for (const o of [...r.evaluationDetail.objectives, r.evaluationDetail.relevance]) {
    add('rating', o.label, 'n', o.n);
    add('rating', o.label, 'mean', o.mean);
    for (const d of o.distribution) add('rating', o.label, `rated ${d.rating}`, d.count);
  }
  for (const [k, v] of Object.entries(r.performance)) add('performance', '', k, v);
  add('performance', '', 'remindersSent', r.performanceDetail.remindersSent);
  add('performance', '', 'nonRespondents', r.performanceDetail.nonRespondents);
  for (const s of r.performanceDetail.afterReminders) {
    add('response after reminders', String(s.afterReminders), 'answered', s.answered);
    add('response after reminders', String(s.afterReminders), 'rate', s.rate);
  }
  for (const b of r.performanceDetail.barriers) add('barrier', b.barrier, 'count', b.count);
  for (const c of r.credits)
    for (const k of [
      'designatedMax',
      'claimants',
      'totalClaimed',
      'meanClaimed',
      'maxClaimed',
      'atMaximum',
    ] as const)
      add('credits', c.creditType, k, c[k]);
  for (const v of r.acceptability) {
    add('acceptability', v.measure, 'value', v.value);
    add('acceptability', v.measure, 'threshold', v.threshold);
    add('acceptability', v.measure, 'n', v.n);
    add('acceptability', v.measure, 'verdict', v.verdict);
  }
  for (const rev of r.reviews) {
    add('review', rev.reviewedOn, 'decision', rev.decision);
    add('review', rev.reviewedOn, 'changes', rev.changes);
    add('review', rev.reviewedOn, 'reviewers', rev.reviewers.join('; '));
  }
  return toCsv(rows);
}

const MEASURE_COLUMNS = Object.keys(MEASURE_LABELS);

const programHeader = [
  'activity_id',
  'title',
  'starts_at',
  'enrolled',
  'paid',
  'attended',
  'competence_passed_first_attempt',
  'competence_passed_eventually',
  'evaluated',
  'certified',
  'follow_up_sent',
  'follow_up_answered',
  'lapsed',
  'withdrawn',
  'mean_score',
  'pass_rate_first_attempt',
  'pass_rate_eventually',
  'objectives_mean',
  'relevance_mean',
  'perceived_bias_share',
  'response_rate',
  'implemented_fully',
  'implemented_partly',
  'implemented_not',
  'implemented_share',
  'most_implemented',
  ...MEASURE_COLUMNS.map((m) => `verdict_${m}`),
  'latest_review',
  'latest_review_on',
];

function measureCells(m: ActivityMeasures, total = false): unknown[] {
  const f = m.funnel;
  const verdict = (name: string) => m.acceptability.find((v) => v.measure === name)?.verdict ?? '';
  return [
    f.enrolled,
    f.paid,
    f.attended,
    f.competencePassedFirstAttempt,
    f.competencePassedEventually,
    f.evaluated,
    f.certified,
    f.followUpSent,
    f.followUpAnswered,
    f.lapsed,
    f.withdrawn,
    m.competence.meanScore,
    m.competence.passRateFirstAttempt,
    m.competence.passRateEventually,
    m.evaluation.objectivesMean,
    m.evaluation.relevanceMean,
    m.evaluation.perceivedBiasShare,
    m.performance.responseRate,
    m.performance.fully,
    m.performance.partly,
    m.performance.not,
    m.performance.implementedShare,
    total ? '' : m.performance.mostImplemented === null ? 'too_few_responses' : m.performance.mostImplemented,
    ...MEASURE_COLUMNS.map(verdict),
  ];
}

export function programCsv(r: ProgramReport): string {
  const rows: unknown[][] = [programHeader];
  for (const a of r.activities)
    rows.push([
      a.activity.id,
      a.activity.title,
      a.activity.startsAt,
      ...measureCells(a),
      a.latestReview?.decision ?? '',
      a.latestReview?.reviewedOn ?? '',
    ]);
  rows.push(['ALL', `${r.activities.length} activities`, '', ...measureCells(r.totals, true), '', '']);
  return toCsv(rows);
}

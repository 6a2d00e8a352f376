// The committee digest: per program, the activities whose follow-up window
// closed since the last digest, summarised with links to their reports.
// Sent once per program and window (the outbox dedupe key), then the program's
// lastDigestAt moves to the window's end.
import mjml2html from 'mjml';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { activities, programs } from '../../db/schema/index.js';
import { toMs } from '../../domain/duration.js';
import { policyOrDefaults } from '../../domain/policy-schema.js';
import { activityReport } from '../activity-report.js';
import { escapeHtml as h } from '../../platform/html.js';
import { pct } from '../../platform/format.js';
import type { ActivityReport } from '../schemas.js';

/**
 * When an activity's follow-up closes: its end, plus the follow-up delay, plus
 * how long the follow-up stays open. For enduring activities the end is when
 * the activity stops being offered, so the last completer's window closes by then.
 */
export function followUpClosesAt(activity: { endsAt: Date; policy: unknown }): Date | null {
  const policy = policyOrDefaults(activity.policy);
  if (!policy.followUp.enabled) return null;
  return new Date(activity.endsAt.getTime() + toMs(policy.followUp.delay) + toMs(policy.followUp.closeAfter));
}

export interface DigestWindow {
  programId: string;
  programName: string;
  to: string[];
  /** Previous digest (exclusive); null for the first digest ever. */
  from: Date | null;
  /** This digest (inclusive). */
  until: Date;
  activities: { id: string; title: string; closedAt: Date }[];
}

/** Programs with a committee to write to. */
export async function digestPrograms(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: programs.id })
    .from(programs)
    .where(sql`jsonb_array_length(${programs.committeeEmails}) > 0`)
    .orderBy(programs.id);
  return rows.map((r) => r.id);
}

/** What the program's next digest covers, or null when it has already been sent up to `until`. */
export async function digestWindow(
  db: Database,
  programId: string,
  until: Date,
): Promise<DigestWindow | null> {
  const [program] = await db.select().from(programs).where(eq(programs.id, programId));
  if (!program) return null;
  const from = program.lastDigestAt;
  if (from && from >= until) return null;
  // Few activities per program: the closing time depends on policy durations, so it is computed here.
  const list = await db
    .select({
      id: activities.id,
      title: activities.title,
      endsAt: activities.endsAt,
      policy: activities.policy,
    })
    .from(activities)
    .where(
      and(
        eq(activities.programId, programId),
        sql`${activities.endsAt} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(activities.endsAt, activities.id);
  const closed = list
    .map((a) => ({ id: a.id, title: a.title, closedAt: followUpClosesAt(a) }))
    .filter((a): a is { id: string; title: string; closedAt: Date } => a.closedAt !== null)
    .filter((a) => a.closedAt <= until && (!from || a.closedAt > from))
    .sort((x, y) => x.closedAt.getTime() - y.closedAt.getTime() || x.id.localeCompare(y.id));
  return {
    programId,
    programName: program.name,
    to: program.committeeEmails,
    from,
    until,
    activities: closed,
  };
}

/** Moves lastDigestAt forward only if no other run moved it meanwhile. */
export async function advanceDigest(db: Database, w: DigestWindow): Promise<void> {
  await db
    .update(programs)
    .set({ lastDigestAt: w.until })
    .where(
      and(
        eq(programs.id, w.programId),
        w.from
          ? sql`${programs.lastDigestAt} = ${w.from.toISOString()}::timestamptz`
          : sql`${programs.lastDigestAt} is null`,
      ),
    );
}

export const digestDedupeKey = (w: DigestWindow) =>
  `digest:${w.programId}:${w.from ? w.from.toISOString() : 'start'}:${w.until.toISOString()}`;

// ---- The email ------------------------------------------------------------

const TEMPLATE = fileURLToPath(new URL('../../../templates/emails/digest.mjml', import.meta.url));
let compiled: Promise<string> | undefined;

/** MJML is slow: compiled once per process, then filled per digest. */
function digestTemplate(): Promise<string> {
  compiled ??= (async () => {
    const result = await mjml2html(await readFile(TEMPLATE, 'utf8'), { validationLevel: 'strict' });
    if (result.errors.length)
      throw new Error(`templates/emails/digest.mjml: ${result.errors[0].formattedMessage}`);
    return result.html;
  })();
  compiled.catch(() => (compiled = undefined));
  return compiled;
}

function verdictSummary(r: ActivityReport): string {
  const count = (v: string) => r.acceptability.filter((a) => a.verdict === v).length;
  return `${count('acceptable')} acceptable, ${count('below_threshold')} below threshold, ${count('too_few_responses')} too few responses`;
}

export interface DigestEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderDigest(db: Database, w: DigestWindow, publicUrl: string): Promise<DigestEmail> {
  const base = publicUrl.replace(/\/$/, '');
  const reports: ActivityReport[] = [];
  for (const a of w.activities) reports.push(await activityReport(db, a.id, w.until));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const periodText = w.from ? `between ${day(w.from)} and ${day(w.until)}` : `by ${day(w.until)}`;
  const starts = reports.map((r) => r.activity.startsAt.slice(0, 10)).sort();
  const programUrl = `${base}/reports/programs/${encodeURIComponent(w.programId)}${
    starts.length ? `?from=${starts[0]}&to=${starts[starts.length - 1]}` : ''
  }`;
  const link = (r: ActivityReport) => `${base}/reports/activities/${encodeURIComponent(r.activity.id)}`;
  const rows = reports
    .map(
      (
        r,
      ) => `<tr><td><a href="${h(link(r))}">${h(r.activity.title)}</a><br>${h(r.activity.startsAt.slice(0, 10))}</td>
<td>${r.funnel.enrolled}</td><td>${r.performance.answered} of ${r.performance.sent} (${pct(r.performance.responseRate)})</td>
<td>${pct(r.performance.implementedShare)}</td><td>${h(verdictSummary(r))}</td></tr>`,
    )
    .join('\n');
  const values: Record<string, string> = {
    programName: h(w.programName),
    activityCount: `${reports.length} activit${reports.length === 1 ? 'y' : 'ies'}`,
    periodText: h(periodText),
    programReportUrl: h(programUrl),
  };
  const html = (await digestTemplate()).replace(
    /\{\{(\{)?\s*(\w+)\s*\}?\}\}/g,
    (_m, raw: string | undefined, name: string) =>
      raw ? (name === 'activityRows' ? rows : '') : (values[name] ?? ''),
  );
  const text = [
    `Outcome digest: ${w.programName}`,
    '',
    `The follow-up of ${values.activityCount} closed ${periodText}. Their outcome reports are ready for your review.`,
    '',
    ...reports.flatMap((r) => [
      `* ${r.activity.title} (${r.activity.startsAt.slice(0, 10)})`,
      `  enrolled ${r.funnel.enrolled}; follow-up answered ${r.performance.answered} of ${r.performance.sent} (${pct(r.performance.responseRate)}); implemented fully or partly ${pct(r.performance.implementedShare)}`,
      `  verdicts: ${verdictSummary(r)}`,
      `  ${link(r)}`,
    ]),
    '',
    `Program report: ${programUrl}`,
  ].join('\n');
  return {
    subject: `Outcome digest: ${w.programName}: ${values.activityCount} ready for review`,
    html,
    text,
  };
}

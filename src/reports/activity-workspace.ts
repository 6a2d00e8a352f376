// What the CE office's workspace adds to one activity's report, read in the
// report's snapshot: answers by the email that brought them, commitments
// grouped beside their follow-up answers, the disclosures, the actions its
// reviews required, and the comparison with the series' earlier activity.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { activities, programs } from '../db/schema/index.js';
import { GROUPING_METHOD, groupCommitments } from '../domain/commitments.js';
import { rate, round } from '../domain/report-math.js';
import { heldEmailCount, peopleOf, personStatus, statusOf } from '../disclosures/status.js';
import { listActions } from './actions.js';
import { commitmentOutcomeRows, type CommitmentOutcomeRow } from './queries/commitments.js';
import { answersByEmailRows, followUpEmailsSentRows } from './queries/follow-up-emails.js';
import { oneActivity } from './queries/aggregates.js';
import { seriesComparison } from './series.js';
import type { CommitmentGroupSummary, FollowUpEmail } from './workspace-schemas.js';

type ActivityRow = typeof activities.$inferSelect;

export const emailLabel = (email: number | null) =>
  email === null ? 'Not through an email link' : email === 0 ? 'First email' : `Reminder ${email}`;

/** Answers by the email whose link brought them, beside how many received each email. */
export async function followUpEmails(db: Database, activityId: string): Promise<FollowUpEmail[]> {
  const scope = oneActivity(activityId);
  const [sentRows, answeredRows] = await Promise.all([
    followUpEmailsSentRows(db, scope),
    answersByEmailRows(db, scope),
  ]);
  const sent = new Map(sentRows.map((r) => [r.email, r.sent]));
  const answered = new Map(answeredRows.map((r) => [r.via_email, r.answered]));
  const emails = [
    ...new Set([...sent.keys(), ...answered.keys()].filter((e): e is number => e !== null)),
  ].sort((a, b) => a - b);
  const rows: FollowUpEmail[] = emails.map((email) => {
    const s = sent.get(email) ?? 0;
    const a = answered.get(email) ?? 0;
    return { email, label: emailLabel(email), sent: s, answered: a, rate: round(rate(a, s), 4) };
  });
  const unlinked = answered.get(null) ?? 0;
  if (unlinked > 0)
    rows.push({ email: null, label: emailLabel(null), sent: null, answered: unlinked, rate: null });
  return rows;
}

/** Similar commitments grouped, each with what its authors answered at follow-up and the barriers they named. */
export function commitmentGroups(rows: CommitmentOutcomeRow[]): CommitmentGroupSummary[] {
  return groupCommitments(rows, (r) => r.commitment).map((g) => {
    const answered = g.members.filter((m) => m.implemented !== null);
    const barriers = new Map<string, number>();
    for (const m of answered) for (const b of m.barriers ?? []) barriers.set(b, (barriers.get(b) ?? 0) + 1);
    const n = (v: string) => answered.filter((m) => m.implemented === v).length;
    return {
      label: g.label,
      count: g.members.length,
      wordings: g.wordings.slice(0, 10),
      followUp: {
        sent: g.members.filter((m) => m.follow_up_sent).length,
        answered: answered.length,
        fully: n('fully'),
        partly: n('partly'),
        not: n('not'),
      },
      barriers: [...barriers.entries()]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([barrier, count]) => ({ barrier, count })),
    };
  });
}

/**
 * The workspace's reads, sent together with the activity's own row (one round
 * trip on a server, as in the activity report); only the series comparison
 * waits for the row.
 */
export async function activityWorkspace(
  db: Database,
  activityId: string,
  row: Promise<ActivityRow | undefined>,
) {
  const [[program], people, emails, commitments, held, actions, activity] = await Promise.all([
    db
      .select({ name: programs.name })
      .from(programs)
      .innerJoin(activities, eq(activities.programId, programs.id))
      .where(eq(activities.id, activityId)),
    peopleOf(db, activityId),
    followUpEmails(db, activityId),
    commitmentOutcomeRows(db, activityId),
    heldEmailCount(db, activityId),
    listActions(db, { activityIds: [activityId] }),
    row,
  ]);
  if (!activity) return undefined;
  return {
    seriesId: activity.seriesId,
    programName: program?.name ?? activity.programId,
    followUpEmails: emails,
    commitmentGroups: commitmentGroups(commitments),
    commitmentGrouping: GROUPING_METHOD,
    disclosures: statusOf(people, held),
    disclosurePeople: people.map(personStatus),
    actions,
    series: await seriesComparison(db, activity),
  };
}

// What the CE office's workspace adds to one activity's report, read in the
// report's one statement: answers by the email that brought them, commitments
// grouped beside their follow-up answers, the disclosures, the actions its
// reviews required, and the comparison with the series' earlier activity.
import { GROUPING_METHOD, groupCommitments } from '../domain/commitments.js';
import { rate, round } from '../domain/report-math.js';
import type { Person } from '../disclosures/schemas.js';
import { mitigated, personStatus, statusOf } from '../disclosures/status.js';
import type { ActivityStatement } from './queries/activity-statement.js';
import { commitmentOutcomesFrom, type CommitmentOutcomeRow } from './queries/commitments.js';
import type { AnswerByEmailRow, EmailSentRow } from './queries/follow-up-emails.js';
import { actionFrom, isoTime, type PersonJson } from './queries/workspace-json.js';
import { seriesComparison } from './series.js';
import type { CommitmentGroupSummary, FollowUpEmail } from './workspace-schemas.js';

export const emailLabel = (email: number | null) =>
  email === null ? 'Not through an email link' : email === 0 ? 'First email' : `Reminder ${email}`;

/** Answers by the email whose link brought them, beside how many received each email. */
export function followUpEmails(sentRows: EmailSentRow[], answeredRows: AnswerByEmailRow[]): FollowUpEmail[] {
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

/** A person as peopleOf gives them, from the report's statement. */
const personFrom = (p: PersonJson): Person => ({
  ...p,
  disclosure: p.disclosure && {
    ...p.disclosure,
    attestedAt: isoTime(p.disclosure.attestedAt),
    relationships: p.disclosure.relationships.map((r) => ({ ...r, mitigated: mitigated(r) })),
  },
});

/** The workspace's part of the report, from the report's one statement (./queries/activity-statement.ts). */
export function activityWorkspace(found: ActivityStatement) {
  const { activity } = found;
  const people = found.people.map(personFrom);
  return {
    seriesId: activity.seriesId,
    programName: found.programName ?? activity.programId,
    followUpEmails: followUpEmails(found.emailsSent, found.answersByEmail),
    commitmentGroups: commitmentGroups(commitmentOutcomesFrom(found.commitmentOutcomes)),
    commitmentGrouping: GROUPING_METHOD,
    disclosures: statusOf(people, found.heldEmails),
    disclosurePeople: people.map(personStatus),
    actions: found.actions.map(actionFrom),
    series: seriesComparison(activity, found.series),
  };
}

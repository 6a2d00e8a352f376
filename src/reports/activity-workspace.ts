// What the CE office's workspace adds to one activity's report, read in the
// report's one statement: answers by the email that brought them, commitments
// grouped beside their follow-up answers, the disclosures, the actions its
// reviews required, and the comparison with the series' earlier activity.
import { GROUPING_METHOD, groupCommitments } from '../domain/commitments.js';
import { rate, round } from '../domain/report-math.js';
import type { Person } from '../disclosures/schemas.js';
import { mitigated, personStatus, statusOf } from '../disclosures/status.js';
import type { ActivityStatement } from './queries/activity-statement.js';
import type { CommitmentOutcomeRow, CountedCommitmentOutcome } from './queries/commitments.js';
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

/** Authors of one commitment wording with the same follow-up, as the summary counts them. */
interface CommitmentAuthors {
  commitment: string;
  sent: boolean;
  implemented: CommitmentOutcomeRow['implemented'];
  barriers: string[] | null;
  count: number;
}

/** Similar commitments grouped, each with what its authors answered at follow-up and the barriers they named. */
function groupedCommitments(rows: CommitmentAuthors[]): CommitmentGroupSummary[] {
  return groupCommitments(
    rows,
    (r) => r.commitment,
    (r) => r.count,
  ).map((g) => {
    const followUp = { sent: 0, answered: 0, fully: 0, partly: 0, not: 0 };
    const barriers = new Map<string, number>();
    for (const m of g.members) {
      if (m.sent) followUp.sent += m.count;
      if (m.implemented === null) continue;
      followUp.answered += m.count;
      if (m.implemented === 'fully' || m.implemented === 'partly' || m.implemented === 'not')
        followUp[m.implemented] += m.count;
      for (const b of m.barriers ?? []) barriers.set(b, (barriers.get(b) ?? 0) + m.count);
    }
    return {
      label: g.label,
      count: g.count,
      wordings: g.wordings.slice(0, 10),
      followUp,
      barriers: [...barriers.entries()]
        .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
        .map(([barrier, count]) => ({ barrier, count })),
    };
  });
}

/** The groups from one row per learner. */
export const commitmentGroups = (rows: CommitmentOutcomeRow[]): CommitmentGroupSummary[] =>
  groupedCommitments(
    rows.map((r) => ({
      commitment: r.commitment,
      sent: r.follow_up_sent,
      implemented: r.implemented,
      barriers: r.barriers,
      count: 1,
    })),
  );

type Outcome = [boolean, CommitmentOutcomeRow['implemented'], string[] | null];

/** The groups from the summary's counted rows, as they come (never one row per learner). */
export function countedCommitmentGroups(counted: CountedCommitmentOutcome[]): CommitmentGroupSummary[] {
  // A few follow-up outcomes recur across every wording: each distinct one is parsed once.
  const outcomes = new Map<string, Outcome>();
  const outcomeOf = (text: string) => {
    let parsed = outcomes.get(text);
    if (!parsed) outcomes.set(text, (parsed = JSON.parse(text) as Outcome));
    return parsed;
  };
  return groupedCommitments(
    counted.map(({ commitment, outcome, count }) => {
      const [sent, implemented, barriers] = outcomeOf(outcome);
      return { commitment, sent, implemented, barriers, count };
    }),
  );
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
    commitmentGroups: countedCommitmentGroups(found.commitmentOutcomes),
    commitmentGrouping: GROUPING_METHOD,
    disclosures: statusOf(people, found.heldEmails),
    disclosurePeople: people.map(personStatus),
    actions: found.actions.map(actionFrom),
    series: seriesComparison(activity, found.series),
  };
}

// What the CE office's workspace adds to one activity's report, read in the
// report's one statement: answers by the email that brought them, commitments
// grouped beside their follow-up answers, the disclosures, the actions its
// reviews required, and the comparison with the series' earlier activity.
import { GROUPING_METHOD } from '../domain/commitments.js';
import { rate, round } from '../domain/report-math.js';
import type { Person } from '../disclosures/schemas.js';
import { mitigated, personStatus, statusOf } from '../disclosures/status.js';
import type { ActivityStatement } from './queries/activity-statement.js';
import type { AnswerByEmailRow, EmailSentRow } from './queries/follow-up-emails.js';
import { actionFrom, isoTime, type PersonJson } from './queries/workspace-json.js';
import { countedCommitmentGroups } from './commitment-groups.js';
import { seriesComparison } from './series.js';
import type { FollowUpEmail } from './workspace-schemas.js';

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

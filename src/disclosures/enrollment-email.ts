// The learner's enrollment email: the activity, its dates, and the disclosures
// of everyone who controls its content, before the activity starts. When the
// activity's policy says so it is held in the outbox until the disclosures are
// complete, then composed again (with the final disclosures) and sent.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Database } from '../db/client.js';
import { findEnrollmentParties } from '../db/enrollment-parties.js';
import { activities, type learners } from '../db/schema/index.js';
import { policyOrDefaults } from '../domain/policy-schema.js';
import { formatDateRange, formatDateTime } from '../platform/format.js';
import { html } from '../platform/html.js';
import { renderEmail, type RenderedEmail } from '../platform/mail/render.js';
import { queueEmail, type OutboxMail } from '../outbox/outbox.js';
import { releaseHeld } from '../outbox/holds.js';
import { emailContact } from '../provider/email-contact.js';
import { holdReason, peopleOf, statusOf } from './status.js';
import { disclosureLines, disclosureSummary, learnerDisclosure, ROLE_LABELS } from './learner-view.js';

type ActivityRow = typeof activities.$inferSelect;
type LearnerRow = Pick<typeof learners.$inferSelect, 'name' | 'email'>;

/** The public page of an activity (its details and disclosures). */
export const activityPageUrl = (publicUrl: string, activityId: string) =>
  new URL(`/catalog/activities/${encodeURIComponent(activityId)}`, publicUrl).toString();

async function compose(
  db: Database,
  config: { PUBLIC_URL: string; MAIL_FROM: string },
  activity: ActivityRow,
  learner: LearnerRow,
): Promise<{ email: RenderedEmail; complete: boolean }> {
  const people = await peopleOf(db, activity.id);
  const status = statusOf(people, 0);
  const list = people.map(learnerDisclosure);
  const rows = list.map(
    (d) =>
      html`<tr><td style="padding:4px 8px 4px 0;vertical-align:top"><strong>${d.name}</strong><br />${d.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
<td style="padding:4px 0;vertical-align:top">${d.statement}${d.relationships.map((r) => html`<br />${r.company}: ${r.nature}`)}</td></tr>`,
  );
  const email = await renderEmail('enrollment_confirmation', {
    values: {
      learnerName: learner.name,
      activityTitle: activity.title,
      providerName: activity.providerName,
      activityDates:
        activity.format === 'live'
          ? `${formatDateTime(activity.startsAt)} to ${formatDateTime(activity.endsAt)}`
          : `on demand, ${formatDateRange(activity.startsAt, activity.endsAt)}`,
      location: activity.location ?? (activity.format === 'live' ? 'to be announced' : 'online'),
      disclosureLines: disclosureLines(list) || '(none listed yet)',
      disclosureSummary: disclosureSummary(status.complete, people.length),
      activityUrl: activityPageUrl(config.PUBLIC_URL, activity.id),
    },
    safeHtml: { disclosureRows: html`${rows}` },
    contact: await emailContact(db, config, activity.providerName),
  });
  return { email, complete: status.complete };
}

/** Queues a new enrollment's email (held when the policy waits for complete disclosures). */
export async function queueEnrollmentEmail(
  ctx: AppContext,
  enrollmentId: string,
  activity: ActivityRow,
  learner: LearnerRow,
): Promise<void> {
  const { email, complete } = await compose(ctx.db, ctx.config, activity, learner);
  const hold = policyOrDefaults(activity.policy).disclosures.holdEnrollmentEmails && !complete;
  const mail: OutboxMail = {
    enrollmentId,
    kind: 'enrollment_confirmation',
    dedupeKey: `${enrollmentId}:enrollment_confirmation`,
    to: learner.email,
    ...email,
    ...(hold ? { hold: holdReason(activity.id) } : {}),
  };
  await queueEmail(ctx.db, mail);
}

/** Sends the held enrollment emails of an activity once its disclosures are complete. */
export async function releaseEnrollmentEmails(ctx: AppContext, activityId: string): Promise<number> {
  const [activity] = await ctx.db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity || !statusOf(await peopleOf(ctx.db, activityId), 0).complete) return 0;
  return releaseHeld(ctx.db, holdReason(activityId), async (row) => {
    const parties = row.enrollmentId ? await findEnrollmentParties(ctx.db, row.enrollmentId) : undefined;
    if (!parties) return null;
    return (await compose(ctx.db, ctx.config, parties.activity, parties.learner)).email;
  });
}

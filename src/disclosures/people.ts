// The people who control an activity's content, as CE staff list them, and
// the email that asks each to disclose (a signed link bound to the person and
// the activity).
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, contentControllers } from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import { toMs } from '../domain/duration.js';
import { formatDateRange, formatDateTime } from '../platform/format.js';
import { mintLink } from '../platform/links.js';
import { renderEmail } from '../platform/mail/render.js';
import { sendOnce } from '../outbox/outbox.js';
import { emailContact } from '../provider/email-contact.js';
import type { PersonInput } from './schemas.js';

/** Disclosure links work this long: long enough to gather the paperwork. */
export const DISCLOSURE_LINK_EXPIRY = '60d';

type PersonRow = typeof contentControllers.$inferSelect;

/** Adds a person (or updates the name and roles of the one with that email); emails the link if asked. */
export async function savePerson(
  ctx: AppContext,
  activityId: string,
  input: PersonInput,
): Promise<{ person: PersonRow; created: boolean }> {
  const activity = await activityOrNotFound(ctx, activityId);
  const email = input.email.toLowerCase();
  const inserted = await ctx.db
    .insert(contentControllers)
    .values({ activityId, name: input.name, email, roles: input.roles })
    .onConflictDoNothing({ target: [contentControllers.activityId, contentControllers.email] })
    .returning();
  let person = inserted[0];
  if (!person)
    [person] = await ctx.db
      .update(contentControllers)
      .set({ name: input.name, roles: input.roles })
      .where(and(eq(contentControllers.activityId, activityId), eq(contentControllers.email, email)))
      .returning();
  if (input.invite) person = await invite(ctx, activity, person);
  return { person, created: inserted.length > 0 };
}

async function activityOrNotFound(ctx: AppContext, activityId: string) {
  const [activity] = await ctx.db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw new NotFound(`activityId: no activity "${activityId}"`);
  return activity;
}

/** Emails (again) the person's disclosure link. */
export async function invitePerson(
  ctx: AppContext,
  activityId: string,
  personId: string,
): Promise<PersonRow> {
  const activity = await activityOrNotFound(ctx, activityId);
  const [person] = await ctx.db
    .select()
    .from(contentControllers)
    .where(and(eq(contentControllers.id, personId), eq(contentControllers.activityId, activityId)));
  if (!person) throw new NotFound(`personId: no person "${personId}" in activity "${activityId}"`);
  return invite(ctx, activity, person);
}

/** The page a disclosure link opens: the activity is in the path, the person in the signed token. */
export function disclosureLink(ctx: AppContext, activityId: string, personId: string): string {
  const link = new URL(mintLink(ctx, 'disclosure', personId, DISCLOSURE_LINK_EXPIRY));
  link.pathname = `/disclose/${encodeURIComponent(activityId)}`;
  return link.toString();
}

async function invite(
  ctx: AppContext,
  activity: typeof activities.$inferSelect,
  person: PersonRow,
): Promise<PersonRow> {
  const n = person.invitations.length + 1;
  const dedupeKey = `disclosure:${person.id}:${n}`;
  const email = await renderEmail('disclosure_request', {
    values: {
      personName: person.name,
      roles: person.roles.join(', '),
      activityTitle: activity.title,
      providerName: activity.providerName,
      activityDates: formatDateRange(activity.startsAt, activity.endsAt),
      disclosureUrl: disclosureLink(ctx, activity.id, person.id),
      linkExpires: formatDateTime(new Date(ctx.clock.now().getTime() + toMs(DISCLOSURE_LINK_EXPIRY))),
    },
    contact: await emailContact(ctx.db, ctx.config, activity.providerName),
  });
  await sendOnce(ctx, {
    enrollmentId: null,
    kind: 'disclosure_request',
    dedupeKey,
    to: person.email,
    ...email,
  });
  const [updated] = await ctx.db
    .update(contentControllers)
    .set({ invitations: sql`${contentControllers.invitations} || ${JSON.stringify([dedupeKey])}::jsonb` })
    .where(eq(contentControllers.id, person.id))
    .returning();
  return updated;
}

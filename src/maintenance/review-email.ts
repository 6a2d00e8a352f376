// The email a learner gets when staff ask for more evidence for a CE entry.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { learners } from '../db/schema/index.js';
import { formatDate } from '../platform/format.js';
import { renderEmail } from '../platform/mail/render.js';
import { queueEmail } from '../outbox/outbox.js';
import { emailContact } from '../provider/email-contact.js';
import type { EntryView } from './entries.js';
import { dashboardLink } from './links.js';

export async function queueReviewEmail(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  entry: EntryView,
  reviewedAt: Date,
) {
  const [learner] = await ctx.db.select().from(learners).where(eq(learners.id, entry.learnerId));
  const rendered = await renderEmail('ce_entry_review', {
    values: {
      learnerName: learner.name,
      entryTitle: entry.title,
      entryProvider: entry.provider,
      entryDate: formatDate(new Date(`${entry.completedOn}T00:00:00Z`)),
      note: entry.staffNote ?? '',
      dashboardUrl: dashboardLink(ctx, entry.learnerId),
    },
    contact: await emailContact(ctx.db, ctx.config, 'Continuing education'),
  });
  await queueEmail(ctx.db, {
    enrollmentId: null,
    kind: 'ce_entry_review',
    dedupeKey: `ce_entry_review:${entry.entryId}:${reviewedAt.toISOString()}`,
    to: learner.email,
    ...rendered,
  });
}

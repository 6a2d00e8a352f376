// Links a learner page hands on (passed competence → evaluation, claimed →
// certificates) and the "send me a new link" action for a link that no longer works.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, enrollments, learners } from '../db/schema/index.js';
import { toMs } from '../domain/duration.js';
import { DEFAULT_POLICY } from '../domain/policy-schema.js';
import {
  inspectLinkToken,
  learnerLink,
  LinkTokenError,
  signLinkToken,
  type LinkClaims,
  type LinkPurpose,
} from '../platform/links.js';
import { sendOnce } from '../outbox/outbox.js';
import { escapeHtml as esc } from '../platform/html.js';

const DEFAULT_LINK_EXPIRY = DEFAULT_POLICY.windows.linkExpiry;

/** A fresh link for the same subject, expiring after the activity's policy says. */
export function mintLink(
  ctx: AppContext,
  purpose: LinkPurpose,
  sub: string,
  linkExpiry: string,
  extra: Record<string, string> = {},
): string {
  const exp = Math.floor((ctx.clock.now().getTime() + toMs(linkExpiry)) / 1000);
  const token = signLinkToken({ sub, purpose, exp }, ctx.config.LINK_SECRET);
  return learnerLink(ctx.config.PUBLIC_URL, purpose, token, extra);
}

/** Path and query only: pages link within the site they were served from. */
export function relativeLink(absolute: string): string {
  const url = new URL(absolute);
  return `${url.pathname}${url.search}`;
}

const PURPOSE_NAMES: Record<LinkPurpose, string> = {
  competence: 'competence check',
  evaluation: 'evaluation and credit claim',
  follow_up: 'follow-up questionnaire',
  certificate: 'certificates',
  transcript: 'transcript',
};
export const purposeName = (p: LinkPurpose) => PURPOSE_NAMES[p];

/** Repeated clicks within this window send one email. */
const RESEND_BUCKET_MS = 15 * 60_000;

export type NewLinkOutcome = 'sent' | 'unknown_sender' | 'not_found';

/**
 * Re-sends a fresh link for the token's own purpose to the address on file,
 * if its signature is good (an expired or misdirected link is fine; a tampered
 * one tells us nothing about whom it was for).
 */
export async function sendNewLink(
  ctx: AppContext,
  token: string,
): Promise<{ outcome: NewLinkOutcome; purpose?: LinkPurpose }> {
  let claims: LinkClaims;
  try {
    claims = inspectLinkToken(token, ctx.config.LINK_SECRET);
  } catch (err) {
    if (err instanceof LinkTokenError) return { outcome: 'unknown_sender' };
    throw err;
  }
  const recipient = await recipientOf(ctx, claims);
  if (!recipient) return { outcome: 'not_found' };
  const link = mintLink(ctx, claims.purpose, claims.sub, recipient.linkExpiry);
  const name = PURPOSE_NAMES[claims.purpose];
  const bucket = Math.floor(ctx.clock.now().getTime() / RESEND_BUCKET_MS);
  await sendOnce(
    { db: ctx.db, mailer: ctx.mailer, config: ctx.config },
    {
      enrollmentId: recipient.enrollmentId,
      kind: 'new_link',
      dedupeKey: `new_link:${claims.purpose}:${claims.sub}:${bucket}`,
      to: recipient.email,
      subject: `Your new link: ${recipient.title}`,
      text: `Hello ${recipient.name},\n\nHere is a new link to your ${name} for "${recipient.title}":\n\n${link}\n\nThe link is personal: please do not forward it.\n`,
      html: newLinkHtml(recipient.name, name, recipient.title, link),
    },
  );
  return { outcome: 'sent', purpose: claims.purpose };
}

interface Recipient {
  enrollmentId: string | null;
  email: string;
  name: string;
  title: string;
  linkExpiry: string;
}

async function recipientOf(ctx: AppContext, claims: LinkClaims): Promise<Recipient | undefined> {
  if (claims.purpose === 'transcript') {
    const [learner] = await ctx.db.select().from(learners).where(eq(learners.id, claims.sub)).limit(1);
    if (!learner) return undefined;
    return {
      enrollmentId: null,
      email: learner.email,
      name: learner.name,
      title: 'your continuing education transcript',
      linkExpiry: DEFAULT_LINK_EXPIRY,
    };
  }
  if (!/^[0-9a-f-]{36}$/i.test(claims.sub)) return undefined;
  const [row] = await ctx.db
    .select({ learner: learners, activity: activities })
    .from(enrollments)
    .innerJoin(learners, eq(learners.id, enrollments.learnerId))
    .innerJoin(activities, eq(activities.id, enrollments.activityId))
    .where(eq(enrollments.id, claims.sub))
    .limit(1);
  if (!row) return undefined;
  return {
    enrollmentId: claims.sub,
    email: row.learner.email,
    name: row.learner.name,
    title: row.activity.title,
    linkExpiry: row.activity.policy.windows.linkExpiry,
  };
}

function newLinkHtml(name: string, what: string, title: string, link: string): string {
  return `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:16px">
<p>Hello ${esc(name)},</p>
<p>Here is a new link to your ${esc(what)} for <strong>${esc(title)}</strong>.</p>
<p><a href="${esc(link)}" style="display:inline-block;background:#14365d;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">Open your ${esc(what)}</a></p>
<p style="color:#475467;font-size:14px">The link is personal: please do not forward it.</p>
</body></html>`;
}

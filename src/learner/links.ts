// Links a learner page hands on (passed competence → evaluation, claimed →
// certificates) and the "send me a new link" action for a link that no longer
// works. (Signing and minting links: src/platform/links.ts.)
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { activities, enrollments, learners } from '../db/schema/index.js';
import { toMs } from '../domain/duration.js';
import { DEFAULT_POLICY } from '../domain/policy-schema.js';
import {
  inspectLinkToken,
  linkSecrets,
  LinkTokenError,
  mintLink,
  type LinkClaims,
  type LinkPurpose,
} from '../platform/links.js';
import { sendOnce } from '../outbox/outbox.js';
import { formatDateTime } from '../platform/format.js';
import { renderEmail } from '../platform/mail/render.js';
import { emailContact } from '../provider/email-contact.js';

const DEFAULT_LINK_EXPIRY = DEFAULT_POLICY.windows.linkExpiry;

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
  maintenance: 'credential maintenance dashboard',
  nabp_profile: 'NABP e-Profile ID correction',
  disclosure: 'disclosure form',
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
    claims = inspectLinkToken(token, linkSecrets(ctx.config));
  } catch (err) {
    if (err instanceof LinkTokenError) return { outcome: 'unknown_sender' };
    throw err;
  }
  const recipient = await recipientOf(ctx, claims);
  if (!recipient) return { outcome: 'not_found' };
  const bucket = Math.floor(ctx.clock.now().getTime() / RESEND_BUCKET_MS);
  const email = await renderEmail('new_link', {
    values: {
      learnerName: recipient.name,
      what: PURPOSE_NAMES[claims.purpose],
      activityTitle: recipient.title,
      providerName: recipient.provider,
      link: mintLink(ctx, claims.purpose, claims.sub, recipient.linkExpiry),
      linkExpires: formatDateTime(new Date(ctx.clock.now().getTime() + toMs(recipient.linkExpiry))),
    },
    contact: await emailContact(ctx.db, ctx.config, recipient.provider),
  });
  await sendOnce(ctx, {
    enrollmentId: recipient.enrollmentId,
    kind: 'new_link',
    dedupeKey: `new_link:${claims.purpose}:${claims.sub}:${bucket}`,
    to: recipient.email,
    ...email,
  });
  return { outcome: 'sent', purpose: claims.purpose };
}

interface Recipient {
  enrollmentId: string | null;
  email: string;
  name: string;
  title: string;
  provider: string;
  linkExpiry: string;
}

async function recipientOf(ctx: AppContext, claims: LinkClaims): Promise<Recipient | undefined> {
  if (claims.purpose === 'transcript' || claims.purpose === 'maintenance') {
    const [learner] = await ctx.db.select().from(learners).where(eq(learners.id, claims.sub)).limit(1);
    if (!learner) return undefined;
    return {
      enrollmentId: null,
      email: learner.email,
      name: learner.name,
      title:
        claims.purpose === 'transcript'
          ? 'your continuing education transcript'
          : 'your credential maintenance dashboard',
      provider: 'Continuing education',
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
    provider: row.activity.providerName,
    linkExpiry: row.activity.policy.windows.linkExpiry,
  };
}

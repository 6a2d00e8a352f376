// Links to the learner's credential maintenance dashboard (signed, purpose
// "maintenance", subject the learner id): from every certificate email, the
// transcript, and each reminder.
import { mintLink, type LinkMinter } from '../platform/links.js';

/** Reminders go out a month before a cycle ends: their links outlast that. */
export const MAINTENANCE_LINK_EXPIRY = '60d';

export function dashboardLink(minter: LinkMinter, learnerId: string, extra: Record<string, string> = {}) {
  return mintLink(minter, 'maintenance', learnerId, MAINTENANCE_LINK_EXPIRY, extra);
}

/** The page that stops a credential's reminders (a confirmation, then a POST). */
export function stopRemindersLink(minter: LinkMinter, learnerId: string, credentialKey: string) {
  const url = new URL(dashboardLink(minter, learnerId));
  url.pathname = '/learn/maintenance/reminders';
  url.searchParams.set('c', credentialKey);
  return url.toString();
}

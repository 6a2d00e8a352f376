// The provider's contact as every email footer prints it, read from the
// provider profile when each email is composed (so a change shows in the next
// email). Until a profile is stored: the given name and the sender address.
import type { Database } from '../db/client.js';
import type { EmailContact } from '../platform/mail/render.js';
import { addressOf, loadProviderRow } from './profile.js';

type StoredContact = { name: string; contactEmail: string; postalAddress: string };

/** The footer contact from a stored profile's contact, or the fallback while none is stored. */
export function contactOf(
  stored: StoredContact | null | undefined,
  config: { MAIL_FROM: string },
  fallbackName: string,
): EmailContact {
  return stored
    ? { name: stored.name, email: stored.contactEmail, postalAddress: stored.postalAddress }
    : { name: fallbackName, email: addressOf(config.MAIL_FROM), postalAddress: '' };
}

export async function emailContact(
  db: Database,
  config: { MAIL_FROM: string },
  fallbackName: string,
): Promise<EmailContact> {
  return contactOf(await loadProviderRow(db), config, fallbackName);
}

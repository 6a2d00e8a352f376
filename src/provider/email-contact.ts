// The provider's contact as every email footer prints it, read from the
// provider profile when each email is composed (so a change shows in the next
// email). Until a profile is stored: the given name and the sender address.
import type { Database } from '../db/client.js';
import type { EmailContact } from '../platform/mail/render.js';
import { loadProvider } from './profile.js';

export async function emailContact(
  db: Database,
  config: { MAIL_FROM: string },
  fallbackName: string,
): Promise<EmailContact> {
  const p = await loadProvider(db, { name: fallbackName, mailFrom: config.MAIL_FROM });
  return { name: p.name, email: p.contactEmail, postalAddress: p.postalAddress };
}

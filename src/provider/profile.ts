// The provider profile: stored once, read by every certificate, email and
// transcript. Until staff store one, the activity's provider name and the
// sender address stand in, with the accreditors' standard statements.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { providerProfile } from '../db/schema/index.js';
import { providerNamed, type Provider } from '../domain/provider.js';

export type ProviderRow = typeof providerProfile.$inferSelect;
export type ProviderImages = Pick<ProviderRow, 'logo' | 'logoType' | 'signature' | 'signatureType'>;
export type StoredProvider = Provider & ProviderImages & { stored: boolean };

/** The address in a From header: "CE Outcomes <ce@localhost>" → ce@localhost. */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

export async function loadProviderRow(db: Database): Promise<ProviderRow | undefined> {
  const [row] = await db.select().from(providerProfile).where(eq(providerProfile.id, 'provider'));
  return row;
}

/**
 * The provider as certificates and emails print it.
 * @param fallback the activity's provider name and the sender, when no profile is stored
 */
export async function loadProvider(
  db: Database,
  fallback: { name: string; mailFrom: string },
): Promise<StoredProvider> {
  const row = await loadProviderRow(db);
  if (!row) {
    const none = { logo: null, logoType: null, signature: null, signatureType: null };
    return { ...providerNamed(fallback.name, addressOf(fallback.mailFrom)), ...none, stored: false };
  }
  const { id: _id, updatedAt: _at, ...provider } = row;
  return { ...provider, stored: true };
}

export type ProviderInput = Omit<ProviderRow, 'id' | 'updatedAt'>;

export async function saveProvider(db: Database, input: ProviderInput): Promise<ProviderRow> {
  const values = { ...input, updatedAt: new Date() };
  const [row] = await db
    .insert(providerProfile)
    .values({ id: 'provider', ...values })
    .onConflictDoUpdate({ target: providerProfile.id, set: values })
    .returning();
  return row;
}

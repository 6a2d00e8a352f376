// Named API keys: one per system (an LMS) or per person (a committee member,
// a CE officer), each with a role. The key is shown once when created; only
// its SHA-256 is stored (a key is 32 random bytes, so a plain digest suffices)
// and compared in constant time. Revoking a key ends its browser sessions.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { apiKeys, sessions } from '../db/schema/index.js';
import { Conflict, NotFound } from '../domain/errors.js';
import type { ApiRole, KeyKind } from '../domain/roles.js';
import { sameSecret, sha256, type Principal } from './principal.js';

/** ceo_<lookup: 12 hex>_<secret: 32 random bytes, base64url>. */
const KEY_FORMAT = /^ceo_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export interface ApiKeyInfo {
  id: string;
  /** The key's public part (its first characters), to tell keys apart in a list. */
  prefix: string;
  name: string;
  kind: KeyKind;
  role: ApiRole;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

function info(row: typeof apiKeys.$inferSelect): ApiKeyInfo {
  const { lookup, hash: _hash, ...rest } = row;
  return { ...rest, prefix: `ceo_${lookup}` };
}

export async function createApiKey(
  db: Database,
  input: { name: string; kind: KeyKind; role: ApiRole },
  createdBy: string,
): Promise<{ key: string; info: ApiKeyInfo }> {
  const lookup = randomBytes(6).toString('hex');
  const key = `ceo_${lookup}_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ ...input, lookup, hash: sha256(key).toString('hex'), createdBy })
    .returning();
  return { key, info: info(row) };
}

export async function listApiKeys(db: Database): Promise<ApiKeyInfo[]> {
  const rows = await db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt));
  return rows.map(info);
}

export async function revokeApiKey(db: Database, id: string, revokedBy: string, now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id));
    if (!row) throw new NotFound(`keyId: no API key ${id}`);
    if (row.revokedAt) throw new Conflict(`API key ${id} was already revoked`);
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now, revokedBy })
      .where(eq(apiKeys.id, id))
      .returning();
    await tx
      .update(sessions)
      .set({ endedAt: now })
      .where(and(eq(sessions.apiKeyId, id), isNull(sessions.endedAt)));
    return info(revoked);
  });
}

/** The holder of a named key, or undefined for anything else (unknown, revoked, wrong secret). */
export async function keyPrincipal(db: Database, key: string, now: Date): Promise<Principal | undefined> {
  const lookup = KEY_FORMAT.exec(key)?.[1];
  if (!lookup) return undefined;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.lookup, lookup));
  if (!row || !sameSecret(key, Buffer.from(row.hash, 'hex')) || row.revokedAt) return undefined;
  // When it was last used, to the minute: one write a minute at most, whatever the traffic.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiKeys.id, row.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
  return { name: row.name, role: row.role, via: 'key', keyId: row.id };
}

/** Whether it looks like a named key (so its refusal can say which kind of credential failed). */
export const looksLikeKey = (value: string) => value.startsWith('ceo_');

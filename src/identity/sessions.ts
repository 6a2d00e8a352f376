// Browser sessions: signing in with a key or token starts one, and the cookie
// carries the session's random id (signed), never the key. Only the id's
// SHA-256 is stored; a session expires after SESSION_TTL, ends on sign-out, and
// ends when the named key it was started with is revoked.
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { apiKeys, sessions } from '../db/schema/index.js';
import { sha256, type Principal } from './principal.js';

const digest = (id: string) => sha256(id).toString('hex');

/** Starts a session for the principal; returns the id the cookie carries. */
export async function startSession(
  db: Database,
  principal: Principal,
  ttlMs: number,
  now: Date,
): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    id: digest(id),
    name: principal.name,
    role: principal.role,
    apiKeyId: principal.keyId ?? null,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  return id;
}

/** Who the session is, while it is current (not expired, ended, or started with a key since revoked). */
export async function sessionPrincipal(db: Database, id: string, now: Date): Promise<Principal | undefined> {
  const [row] = await db
    .select({
      name: sessions.name,
      role: sessions.role,
      apiKeyId: sessions.apiKeyId,
      keyRevokedAt: apiKeys.revokedAt,
    })
    .from(sessions)
    .leftJoin(apiKeys, eq(apiKeys.id, sessions.apiKeyId))
    .where(and(eq(sessions.id, digest(id)), isNull(sessions.endedAt), gt(sessions.expiresAt, now)));
  if (!row || row.keyRevokedAt) return undefined;
  return { name: row.name, role: row.role, via: 'session', keyId: row.apiKeyId ?? undefined, sessionId: id };
}

/** Ends the session: its cookie is refused from now on, even if a copy of it survives. */
export async function endSession(db: Database, id: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now })
    .where(eq(sessions.id, digest(id)));
}

// A learner's credential maintenance: for each licence and certification, the
// requirement it follows, where the learner stands (cycle, earned and needed,
// per topic, days left, why the allocation) and what to take next. The page,
// the JSON for the LMS, the audit PDF and the reminders all read this.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { allocationMoves, credentialReminders, learners } from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import { describeCredential, type StoredCredential } from '../domain/profile.js';
import { credentialKey, requirementFor, type RequirementSet } from '../domain/credential-requirements.js';
import {
  credentialStanding,
  type CreditRecord,
  type CredentialStanding,
} from '../domain/credential-standing.js';
import { suggestActivities, type Suggestion } from '../domain/suggestions.js';
import { loadCredentials } from '../db/learner-credentials.js';
import { isoDay } from '../platform/format.js';
import { providerCredit } from './earned.js';
import { entryCredit } from './entries.js';
import { listRequirements } from './requirements.js';
import { openActivities } from './suggestions.js';

export interface CredentialStatus {
  key: string;
  description: string;
  credential: StoredCredential;
  requirement: RequirementSet | null;
  standing: CredentialStanding | null;
  suggestions: Suggestion[];
  remindersOff: boolean;
}

export interface Dashboard {
  learnerId: string;
  learnerName: string;
  learnerEmail: string;
  generatedAt: string;
  today: string;
  credentials: CredentialStatus[];
  records: CreditRecord[];
}

type Ctx = Pick<AppContext, 'db' | 'clock'>;

export async function buildDashboard(ctx: Ctx, learnerId: string, onlyKey?: string): Promise<Dashboard> {
  const { db } = ctx;
  const [learner] = await db.select().from(learners).where(eq(learners.id, learnerId));
  if (!learner) throw new NotFound(`learnerId: no learner "${learnerId}"`);
  const now = ctx.clock.now();
  const today = isoDay(now);
  const [credentials, requirements, provider, entries, moveRows, reminderRows, open] = await Promise.all([
    loadCredentials(db, learnerId),
    listRequirements(db),
    providerCredit(db, learnerId),
    entryCredit(db, learnerId),
    db.select().from(allocationMoves).where(eq(allocationMoves.learnerId, learnerId)),
    db.select().from(credentialReminders).where(eq(credentialReminders.learnerId, learnerId)),
    openActivities(db, learnerId, now),
  ]);
  const records = [...provider, ...entries];
  const statuses = credentials
    .filter((c) => !onlyKey || credentialKey(c) === onlyKey)
    .map((credential): CredentialStatus => {
      const key = credentialKey(credential);
      const requirement = requirementFor(requirements, credential) ?? null;
      const moves = Object.fromEntries(
        moveRows.filter((m) => m.credentialKey === key).map((m) => [m.sourceId, m.split]),
      );
      const standing = requirement
        ? credentialStanding({ credential, requirement, records, moves, today })
        : null;
      return {
        key,
        description: describeCredential(credential),
        credential,
        requirement,
        standing,
        suggestions: requirement && standing ? suggestActivities(standing, requirement, open) : [],
        remindersOff: reminderRows.some((r) => r.credentialKey === key && r.optedOutAt),
      };
    });
  return {
    learnerId,
    learnerName: learner.name,
    learnerEmail: learner.email,
    generatedAt: now.toISOString(),
    today,
    credentials: statuses,
    records,
  };
}

/** One credential of the learner; another learner's credential (or none) is not found. */
export async function credentialOf(
  ctx: Ctx,
  learnerId: string,
  key: string,
): Promise<CredentialStatus & Pick<Dashboard, 'records' | 'today'>> {
  const dashboard = await buildDashboard(ctx, learnerId, key);
  const status = dashboard.credentials[0];
  if (!status) throw new NotFound(`credentialKey: learner "${learnerId}" has no credential "${key}"`);
  return { ...status, records: dashboard.records, today: dashboard.today };
}

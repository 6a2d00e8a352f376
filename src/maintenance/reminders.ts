// What the reminders workflow asks: where a credential stands (unmet, met,
// opted out, gone, no cycle yet), the reminder email itself (queued once per
// cycle and offset), and which credentials the sweep should start watching.
import { isNotNull, or } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { credentialReminders, learnerCredentials } from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import { credentialKey, cycleEndsAt, cycleOf, requirementFor } from '../domain/credential-requirements.js';
import { isoDay } from '../platform/format.js';
import { queueEmail } from '../outbox/outbox.js';
import { buildDashboard, credentialOf } from './dashboard.js';
import { listRequirements } from './requirements.js';
import { composeReminder } from './reminder-email.js';

import type { LinkMinter } from '../platform/links.js';

type Ctx = Pick<AppContext, 'db' | 'clock'> & LinkMinter & { config: { MAIL_FROM: string } };

export type CredentialCheck =
  | { state: 'unmet'; endsAt: string; cycleEndsOn: string }
  | { state: 'met' | 'opted_out' | 'gone' | 'no_cycle' };

export const remindersWorkflowId = (learnerId: string, key: string) =>
  `credential-reminders:${learnerId}:${key}`;

export async function checkCredential(ctx: Ctx, learnerId: string, key: string): Promise<CredentialCheck> {
  let status;
  try {
    status = await credentialOf(ctx, learnerId, key);
  } catch (err) {
    if (err instanceof NotFound) return { state: 'gone' };
    throw err;
  }
  if (status.remindersOff) return { state: 'opted_out' };
  const cycle = status.standing?.cycle;
  if (!status.standing) return { state: 'gone' };
  if (!cycle) return { state: 'no_cycle' };
  await watched(ctx, learnerId, key, cycle.endsOn);
  if (status.standing.allMet) return { state: 'met' };
  return { state: 'unmet', endsAt: cycleEndsAt(cycle).toISOString(), cycleEndsOn: cycle.endsOn };
}

/** Queues the reminder (once per learner, credential, cycle and offset) when the credential is still unmet. */
export async function sendReminder(
  ctx: Ctx,
  input: { learnerId: string; credentialKey: string; cycleEndsOn: string; offset: string },
): Promise<'queued' | 'not_needed'> {
  const check = await checkCredential(ctx, input.learnerId, input.credentialKey);
  if (check.state !== 'unmet' || check.cycleEndsOn !== input.cycleEndsOn) return 'not_needed';
  const dashboard = await buildDashboard(ctx, input.learnerId, input.credentialKey);
  const email = await composeReminder(ctx, dashboard, dashboard.credentials[0]);
  await queueEmail(ctx.db, {
    enrollmentId: null,
    kind: 'credential_reminder',
    dedupeKey: `credential_reminder:${input.learnerId}:${input.credentialKey}:${input.cycleEndsOn}:${input.offset}`,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
  });
  return 'queued';
}

async function watched(ctx: Ctx, learnerId: string, key: string, cycleEndsOn: string) {
  await ctx.db
    .insert(credentialReminders)
    .values({ learnerId, credentialKey: key, watchedCycleEndsOn: cycleEndsOn })
    .onConflictDoUpdate({
      target: [credentialReminders.learnerId, credentialReminders.credentialKey],
      set: { watchedCycleEndsOn: cycleEndsOn, updatedAt: new Date() },
    });
}

export interface WatchCandidate {
  learnerId: string;
  credentialKey: string;
  workflowId: string;
  cycleEndsOn: string;
}

/** Credentials with a cycle still running that no reminders workflow has watched yet (or watched another cycle of). */
export async function credentialsToWatch(ctx: Ctx): Promise<WatchCandidate[]> {
  const today = isoDay(ctx.clock.now());
  const [rows, requirements, watchRows] = await Promise.all([
    ctx.db
      .select()
      .from(learnerCredentials)
      .where(or(isNotNull(learnerCredentials.cycleEndsOn), isNotNull(learnerCredentials.cycleStartsOn))),
    listRequirements(ctx.db),
    ctx.db.select().from(credentialReminders),
  ]);
  const watch = new Map(watchRows.map((w) => [`${w.learnerId}|${w.credentialKey}`, w]));
  return rows.flatMap((c) => {
    const requirement = requirementFor(requirements, c);
    const cycle = requirement && cycleOf(c, requirement.cycleYears);
    if (!cycle || cycle.endsOn < today) return [];
    const key = credentialKey(c);
    const w = watch.get(`${c.learnerId}|${key}`);
    if (w?.optedOutAt || w?.watchedCycleEndsOn === cycle.endsOn) return [];
    return [
      {
        learnerId: c.learnerId,
        credentialKey: key,
        workflowId: remindersWorkflowId(c.learnerId, key),
        cycleEndsOn: cycle.endsOn,
      },
    ];
  });
}

export async function markWatched(ctx: Ctx, list: WatchCandidate[]): Promise<void> {
  for (const c of list) await watched(ctx, c.learnerId, c.credentialKey, c.cycleEndsOn);
}

// What the learner (or the LMS for them) changes on one credential: its cycle
// dates, a hand-made move of credit between its requirements, and reminders.
// A credential of another learner is not found; a move outside the rules is a
// 400 naming the field; nothing is stored then.
import { and, eq, isNull, type Column } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { allocationMoves, credentialReminders, learnerCredentials } from '../db/schema/index.js';
import { Invalid } from '../domain/errors.js';
import { allocationProblem, UNITS_PER_HOUR } from '../domain/credential-standing.js';
import { moveProblems } from '../domain/allocation.js';
import { credentialOf } from './dashboard.js';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

const same = (column: Column, value: string | null) => (value === null ? isNull(column) : eq(column, value));

export interface CycleDates {
  cycleStartsOn?: string | null;
  cycleEndsOn?: string | null;
}

export async function setCycle(ctx: Ctx, learnerId: string, key: string, dates: CycleDates) {
  const { credential } = await credentialOf(ctx, learnerId, key);
  const startsOn = dates.cycleStartsOn === undefined ? credential.cycleStartsOn : dates.cycleStartsOn;
  const endsOn = dates.cycleEndsOn === undefined ? credential.cycleEndsOn : dates.cycleEndsOn;
  if (startsOn && endsOn && endsOn <= startsOn)
    throw Invalid.field('body.cycleEndsOn', `must be after the cycle starts (${startsOn})`);
  await ctx.db
    .update(learnerCredentials)
    .set({ cycleStartsOn: startsOn, cycleEndsOn: endsOn })
    .where(
      and(
        eq(learnerCredentials.learnerId, learnerId),
        eq(learnerCredentials.kind, credential.kind),
        same(learnerCredentials.state, credential.state),
        same(learnerCredentials.subtype, credential.subtype),
        same(learnerCredentials.category, credential.category),
      ),
    );
  return credentialOf(ctx, learnerId, key);
}

/** Sets how one source's hours split among the credential's minimums (hours per minimum id). */
export async function setMove(
  ctx: Ctx,
  learnerId: string,
  key: string,
  sourceId: string,
  split: Record<string, number>,
) {
  const status = await credentialOf(ctx, learnerId, key);
  if (!status.requirement || !status.standing)
    throw Invalid.field('credentialKey', 'no requirements are on file for this credential');
  const source = status.standing.sources.find((s) => s.id === sourceId);
  if (!source) throw Invalid.field('sourceId', `"${sourceId}" is not credit of learner "${learnerId}"`);
  if (!source.counts)
    throw Invalid.field('sourceId', `it does not count toward this credential: ${source.reason}`);
  const { problem } = allocationProblem({
    credential: status.credential,
    requirement: status.requirement,
    records: [],
    today: '',
  });
  for (const [minimumId, hours] of Object.entries(split)) {
    if (!problem.minimums.some((m) => m.id === minimumId))
      throw Invalid.field(
        `body.split.${minimumId}`,
        `no such requirement; one of ${problem.minimums.map((m) => m.id).join(', ')}`,
      );
    if (!(hours >= 0) || !Number.isInteger(hours * 4))
      throw Invalid.field(`body.split.${minimumId}`, 'hours of 0 or more, in steps of 0.25');
  }
  const moves = await currentMoves(ctx, learnerId, key);
  const proposal = allocationProblemWith(status, { ...moves, [sourceId]: split });
  const wording = { perHour: UNITS_PER_HOUR, unit: status.requirement.unit };
  const problems = moveProblems(proposal, wording).filter(
    (p) => p.sourceId === sourceId || p.sourceId === '*',
  );
  if (problems.length > 0) throw Invalid.field('body.split', problems.map((p) => p.message).join('; '));
  await ctx.db
    .insert(allocationMoves)
    .values({ learnerId, credentialKey: key, sourceId, split })
    .onConflictDoUpdate({
      target: [allocationMoves.learnerId, allocationMoves.credentialKey, allocationMoves.sourceId],
      set: { split, updatedAt: new Date() },
    });
  return credentialOf(ctx, learnerId, key);
}

async function currentMoves(ctx: Ctx, learnerId: string, key: string) {
  const rows = await ctx.db
    .select()
    .from(allocationMoves)
    .where(and(eq(allocationMoves.learnerId, learnerId), eq(allocationMoves.credentialKey, key)));
  return Object.fromEntries(rows.map((r) => [r.sourceId, r.split]));
}

function allocationProblemWith(
  status: Awaited<ReturnType<typeof credentialOf>>,
  moves: Record<string, Record<string, number>>,
) {
  return allocationProblem({
    credential: status.credential,
    requirement: status.requirement!,
    records: status.records,
    moves,
    today: status.today,
  }).problem;
}

/** Back to the best allocation: every hand-made move of the credential dropped. */
export async function clearMoves(ctx: Ctx, learnerId: string, key: string) {
  await credentialOf(ctx, learnerId, key);
  await ctx.db
    .delete(allocationMoves)
    .where(and(eq(allocationMoves.learnerId, learnerId), eq(allocationMoves.credentialKey, key)));
  return credentialOf(ctx, learnerId, key);
}

export async function setReminders(ctx: Ctx, learnerId: string, key: string, enabled: boolean) {
  await credentialOf(ctx, learnerId, key);
  const optedOutAt = enabled ? null : ctx.clock.now();
  await ctx.db
    .insert(credentialReminders)
    .values({ learnerId, credentialKey: key, optedOutAt })
    .onConflictDoUpdate({
      target: [credentialReminders.learnerId, credentialReminders.credentialKey],
      set: { optedOutAt, updatedAt: new Date() },
    });
  return credentialOf(ctx, learnerId, key);
}

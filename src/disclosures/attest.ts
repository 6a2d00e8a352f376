// A person's disclosure and signed attestation, and staff's decision on each
// relationship. Either may complete the activity's disclosures, which releases
// the enrollment emails the policy held for them.
import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { contentControllers, disclosedRelationships, disclosures } from '../db/schema/index.js';
import { Invalid, NotFound, Refused } from '../domain/errors.js';
import { isoDay } from '../platform/format.js';
import type { DecisionInput, DisclosureInput } from './schemas.js';
import { releaseEnrollmentEmails } from './enrollment-email.js';

/** Relationships of the past 24 months are disclosed (ACCME Standard 3). */
export const LOOKBACK_MONTHS = 24;

const keyOf = (r: { company: string; nature: string; endedOn: string | null }) =>
  [r.company.toLowerCase(), r.nature.toLowerCase(), r.endedOn ?? ''].join('\u0001');

/** The form's problems, by field (empty when it can be recorded). */
export function disclosureProblems(
  input: DisclosureInput,
  today: Date,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (input.nothingToDisclose && input.relationships.length > 0)
    problems.push({
      field: 'relationships',
      message: 'you said you have nothing to disclose, but listed relationships: choose one or the other',
    });
  if (!input.nothingToDisclose && input.relationships.length === 0)
    problems.push({
      field: 'relationships',
      message: 'list each relationship, or say you have nothing to disclose',
    });
  const todayIso = isoDay(today);
  const earliest = new Date(today);
  earliest.setUTCMonth(earliest.getUTCMonth() - LOOKBACK_MONTHS);
  input.relationships.forEach((r, i) => {
    if (!r.endedOn) return;
    const field = `relationships.${i}.endedOn`;
    if (r.endedOn > todayIso)
      problems.push({ field, message: 'is in the future; leave it empty for an ongoing relationship' });
    else if (r.endedOn < isoDay(earliest))
      problems.push({
        field,
        message: `ended more than ${LOOKBACK_MONTHS} months ago (before ${isoDay(earliest)}): it need not be disclosed`,
      });
  });
  return problems;
}

/**
 * Records a person's disclosure (replacing an earlier one; staff's decisions
 * on relationships disclosed again unchanged are kept).
 */
export async function recordDisclosure(
  ctx: AppContext,
  activityId: string,
  personId: string,
  input: DisclosureInput,
): Promise<void> {
  const [person] = await ctx.db.select().from(contentControllers).where(eq(contentControllers.id, personId));
  if (!person) throw new NotFound(`personId: no person "${personId}"`);
  if (person.activityId !== activityId)
    throw new Refused(`activityId: this disclosure link is for another activity, not "${activityId}"`);
  const problems = disclosureProblems(input, ctx.clock.now());
  if (problems.length > 0)
    throw new Invalid(problems.map((p) => `${p.field}: ${p.message}`).join('; '), undefined, problems);

  await ctx.db.transaction(async (tx) => {
    const earlier = await tx
      .select()
      .from(disclosedRelationships)
      .where(eq(disclosedRelationships.personId, personId));
    const decided = new Map(earlier.map((r) => [keyOf(r), r]));
    if (earlier.length > 0)
      await tx.delete(disclosedRelationships).where(
        inArray(
          disclosedRelationships.id,
          earlier.map((r) => r.id),
        ),
      );
    const rows = input.relationships.map((r) => {
      const row = { personId, company: r.company, nature: r.nature, endedOn: r.endedOn ?? null };
      const before = decided.get(keyOf(row));
      return before
        ? { ...row, relevant: before.relevant, mitigation: before.mitigation, decidedAt: before.decidedAt }
        : row;
    });
    if (rows.length > 0) await tx.insert(disclosedRelationships).values(rows);
    const signed = {
      nothingToDisclose: input.nothingToDisclose,
      signedName: input.signedName,
      attestedAt: ctx.clock.now(),
    };
    await tx
      .insert(disclosures)
      .values({ personId, ...signed })
      .onConflictDoUpdate({ target: disclosures.personId, set: signed });
  });
  await releaseEnrollmentEmails(ctx, activityId);
}

/** Staff's decision on one relationship: relevant or not, and how a relevant one was mitigated. */
export async function decideRelationship(
  ctx: AppContext,
  activityId: string,
  relationshipId: string,
  input: DecisionInput,
): Promise<void> {
  const [found] = await ctx.db
    .select({ id: disclosedRelationships.id })
    .from(disclosedRelationships)
    .innerJoin(contentControllers, eq(contentControllers.id, disclosedRelationships.personId))
    .where(and(eq(disclosedRelationships.id, relationshipId), eq(contentControllers.activityId, activityId)));
  if (!found)
    throw new NotFound(
      `relationshipId: no disclosed relationship "${relationshipId}" in activity "${activityId}"`,
    );
  const mitigation = input.mitigation?.trim() || null;
  if (!input.relevant && mitigation)
    throw Invalid.field(
      'body.mitigation',
      'only a relevant relationship is mitigated; mark it relevant first',
    );
  await ctx.db
    .update(disclosedRelationships)
    .set({ relevant: input.relevant, mitigation, decidedAt: ctx.clock.now() })
    .where(eq(disclosedRelationships.id, relationshipId));
  await releaseEnrollmentEmails(ctx, activityId);
}

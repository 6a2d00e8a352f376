// Where an activity's disclosures stand: who has disclosed, which
// relationships are judged and mitigated, and how many enrollment emails wait.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import {
  activities,
  contentControllers,
  disclosedRelationships,
  disclosures,
  emailOutbox,
} from '../db/schema/index.js';
import { NotFound } from '../domain/errors.js';
import { policyOrDefaults } from '../domain/policy-schema.js';
import { idList, queryRows } from '../reports/queries/sql.js';
import type { ActivityDisclosures, DisclosureStatus, Person } from './schemas.js';

/** The outbox hold of an activity's enrollment emails. */
export const holdReason = (activityId: string) => `disclosures:${activityId}`;

export const mitigated = (r: { relevant: boolean | null; mitigation: string | null }) =>
  r.relevant === true && !!r.mitigation?.trim();

/** Everyone who controls the activity's content, with what they disclosed and staff's decisions. */
export async function peopleOf(db: Database, activityId: string): Promise<Person[]> {
  const people = await db
    .select()
    .from(contentControllers)
    .where(eq(contentControllers.activityId, activityId))
    .orderBy(asc(contentControllers.name), asc(contentControllers.email));
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const signed = await db.select().from(disclosures).where(inArray(disclosures.personId, ids));
  const rels = await db
    .select()
    .from(disclosedRelationships)
    .where(inArray(disclosedRelationships.personId, ids))
    .orderBy(asc(disclosedRelationships.company), asc(disclosedRelationships.nature));
  return people.map((p) => {
    const d = signed.find((s) => s.personId === p.id);
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      roles: p.roles,
      invitations: p.invitations.length,
      disclosure: d
        ? {
            nothingToDisclose: d.nothingToDisclose,
            signedName: d.signedName,
            attestedAt: d.attestedAt.toISOString(),
            relationships: rels
              .filter((r) => r.personId === p.id)
              .map((r) => ({
                id: r.id,
                company: r.company,
                nature: r.nature,
                endedOn: r.endedOn,
                relevant: r.relevant,
                mitigation: r.mitigation,
                mitigated: mitigated(r),
              })),
          }
        : null,
    };
  });
}

/** The status from the people's disclosures (pure, so pages and the report agree). */
export function statusOf(people: Person[], heldEmails: number): DisclosureStatus {
  const rels = people.flatMap((p) => p.disclosure?.relationships ?? []);
  const disclosed = people.filter((p) => p.disclosure).length;
  const undecided = rels.filter((r) => r.relevant === null).length;
  const relevant = rels.filter((r) => r.relevant === true);
  const unmitigated = relevant.filter((r) => !r.mitigated).length;
  return {
    people: people.length,
    disclosed,
    relationships: rels.length,
    relevant: relevant.length,
    undecided,
    unmitigated,
    complete: people.length > 0 && disclosed === people.length && undecided === 0 && unmitigated === 0,
    heldEmails,
  };
}

/** Where each person's disclosure stands, for the committee's report. */
export function personStatus(p: Person) {
  const rels = p.disclosure?.relationships ?? [];
  return {
    name: p.name,
    roles: p.roles,
    disclosure: !p.disclosure
      ? ('not_received' as const)
      : p.disclosure.nothingToDisclose
        ? ('nothing_to_disclose' as const)
        : ('relationships' as const),
    relationships: rels.length,
    undecided: rels.filter((r) => r.relevant === null).length,
    unmitigated: rels.filter((r) => r.relevant === true && !r.mitigated).length,
  };
}

export async function heldEmailCount(db: Database, activityId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'held'), eq(emailOutbox.heldReason, holdReason(activityId))));
  return Number(row?.n ?? 0);
}

export async function activityDisclosures(db: Database, activityId: string): Promise<ActivityDisclosures> {
  const [activity] = await db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw new NotFound(`activityId: no activity "${activityId}"`);
  const people = await peopleOf(db, activityId);
  return {
    activityId,
    title: activity.title,
    startsAt: activity.startsAt.toISOString(),
    holdEnrollmentEmails: policyOrDefaults(activity.policy).disclosures.holdEnrollmentEmails,
    status: statusOf(people, await heldEmailCount(db, activityId)),
    people,
  };
}

/** Whether each activity's disclosures are complete, for lists of many activities (three queries). */
export async function disclosuresComplete(
  db: Database,
  activityIds: string[],
): Promise<Map<string, boolean>> {
  const out = new Map<string, boolean>(activityIds.map((id) => [id, false]));
  if (activityIds.length === 0) return out;
  const list = await queryRows<{
    activity_id: string;
    people: number;
    disclosed: number;
    undecided: number;
    unmitigated: number;
  }>(
    db,
    sql`
    select c.activity_id,
      count(distinct c.id)::int as people,
      count(distinct d.person_id)::int as disclosed,
      count(r.id) filter (where r.relevant is null)::int as undecided,
      count(r.id) filter (where r.relevant and coalesce(btrim(r.mitigation), '') = '')::int as unmitigated
    from content_controllers c
    left join disclosures d on d.person_id = c.id
    left join disclosed_relationships r on r.person_id = c.id
    where c.activity_id in (${idList(activityIds)})
    group by c.activity_id`,
  );
  for (const r of list)
    out.set(r.activity_id, r.people > 0 && r.people === r.disclosed && !r.undecided && !r.unmitigated);
  return out;
}

// The committee's records beside an activity's report (its reviews, the
// actions they required, the people who control its content and what they
// disclosed), each as one JSON value, so they fold into the report's one
// statement (./activity-statement.ts). Keys and order as the Drizzle reads
// gave them (toReview, listActions, peopleOf); timestamps come back as text.
import { sql, type SQL } from 'drizzle-orm';
import type { Action } from '../actions.js';
import type { Person } from '../../disclosures/schemas.js';

/** An activity's reviews, newest first (as activityReviews gives them). */
export const reviewsJson = (activityId: SQL) =>
  sql`(select coalesce(json_agg(json_build_object(
      'id', r.id, 'activityId', r.activity_id, 'programId', r.program_id,
      'periodFrom', r.period_from, 'periodTo', r.period_to, 'decision', r.decision,
      'changes', r.changes, 'reviewers', r.reviewers, 'reviewedOn', r.reviewed_on,
      'recordedBy', r.recorded_by) order by r.reviewed_on desc, r.created_at desc), '[]')
    from committee_reviews r where r.activity_id = ${activityId})`;

/** Actions matching `where` (over ra, the action), newest review first (as listActions gives them). */
export const actionsJson = (where: SQL) =>
  sql`(select coalesce(json_agg(json_build_object(
      'id', ra.id, 'reviewId', ra.review_id, 'reviewedOn', cr.reviewed_on,
      'activityId', ra.activity_id, 'activityTitle', a.title, 'programId', ra.program_id,
      'seriesId', ra.series_id, 'description', ra.description, 'owner', ra.owner,
      'dueOn', ra.due_on, 'status', ra.status, 'note', ra.note, 'updatedAt', ra.updated_at)
      order by cr.reviewed_on desc, ra.created_at asc), '[]')
    from review_actions ra
    join committee_reviews cr on cr.id = ra.review_id
    join activities a on a.id = ra.activity_id
    where ${where})`;

/** Everyone who controls the activity's content with what they disclosed (as peopleOf gives them, less `mitigated`). */
export const peopleJson = (activityId: SQL) =>
  sql`(select coalesce(json_agg(json_build_object(
      'id', c.id, 'name', c.name, 'email', c.email, 'roles', c.roles,
      'invitations', jsonb_array_length(c.invitations),
      'disclosure', (select json_build_object(
          'nothingToDisclose', d.nothing_to_disclose, 'signedName', d.signed_name,
          'attestedAt', d.attested_at,
          'relationships', (select coalesce(json_agg(json_build_object(
              'id', r.id, 'company', r.company, 'nature', r.nature, 'endedOn', r.ended_on,
              'relevant', r.relevant, 'mitigation', r.mitigation) order by r.company, r.nature), '[]')
            from disclosed_relationships r where r.person_id = c.id))
        from disclosures d where d.person_id = c.id))
      order by c.name, c.email), '[]')
    from content_controllers c where c.activity_id = ${activityId})`;

/** Timestamps in JSON are PostgreSQL's text (any offset, microseconds): as Date#toISOString gives them. */
export const isoTime = (text: string) => new Date(text).toISOString();

export const actionFrom = (a: Action): Action => ({ ...a, updatedAt: isoTime(a.updatedAt) });

export type PersonJson = Omit<Person, 'disclosure'> & {
  disclosure:
    | (Omit<NonNullable<Person['disclosure']>, 'relationships'> & {
        relationships: Omit<NonNullable<Person['disclosure']>['relationships'][number], 'mitigated'>[];
      })
    | null;
};

// CE staff's side of disclosures, under the activity's report: who controls
// content (adding a person emails them the signed link), what each disclosed,
// and staff's decision on each relationship (relevant, and how mitigated).
import { z } from 'zod';
import type { Routes } from '../../http/api.js';
import { apiErrorSchema } from '../../http/errors.js';
import {
  activityDisclosuresSchema,
  decisionInputSchema,
  personInputSchema,
  personSchema,
} from '../../disclosures/schemas.js';
import { activityDisclosures, peopleOf } from '../../disclosures/status.js';
import { invitePerson, savePerson } from '../../disclosures/people.js';
import { decideRelationship } from '../../disclosures/attest.js';
import { disclosuresPage } from '../views/disclosures-page.js';
import {
  answered,
  committee,
  formatOf,
  formRedirect,
  HTML,
  optionalField,
  pageResponse,
  sendFile,
  staff,
  tags,
  yesNoField,
} from './shared.js';

const activityParams = z.object({ activityId: z.string().min(1).max(100) });
const notFound = apiErrorSchema.describe('No such activity, person or relationship');
const base = (activityId: string) => `/reports/activities/${encodeURIComponent(activityId)}/disclosures`;

const personBody = personInputSchema.extend({
  // A form's checkboxes: one role is a string, several an array.
  roles: z.preprocess((v) => (typeof v === 'string' ? [v] : v), personInputSchema.shape.roles),
  invite: yesNoField(personInputSchema.shape.invite),
});
const decisionBody = decisionInputSchema.extend({
  relevant: yesNoField(decisionInputSchema.shape.relevant),
  mitigation: optionalField(decisionInputSchema.shape.mitigation.unwrap()),
});

export const disclosureStaffRoutes: Routes = async (app, { ctx }) => {
  const person = async (activityId: string, personId: string) =>
    (await peopleOf(ctx.db, activityId)).find((p) => p.id === personId)!;

  app.get(
    '/reports/activities/:activityId/disclosures',
    {
      config: committee,
      schema: {
        summary:
          "An activity's disclosures: who controls content, what each disclosed, relevance and mitigation",
        tags,
        params: activityParams,
        querystring: z.object({ format: z.enum(['html', 'json']).optional() }),
        response: { 200: pageResponse(activityDisclosuresSchema, 'The disclosures'), 404: notFound },
      },
    },
    async (req, reply) => {
      const d = await activityDisclosures(ctx.db, req.params.activityId);
      if (formatOf(req, req.query.format) === 'json') return d;
      return sendFile(reply, HTML, disclosuresPage(d));
    },
  );

  app.post(
    '/reports/activities/:activityId/disclosures/people',
    {
      config: staff,
      schema: {
        summary:
          'CE staff: add a planner, faculty member or reviewer (the same email again updates them); emails their disclosure link unless invite is false',
        tags,
        params: activityParams,
        body: personBody,
        response: {
          201: personSchema.describe('Added'),
          200: personSchema.describe('Already listed: updated'),
          ...formRedirect,
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const { activityId } = req.params;
      const saved = await savePerson(ctx, activityId, req.body);
      const body = await person(activityId, saved.person.id);
      return answered(req, reply, saved.created ? 201 : 200, body, `${base(activityId)}#person-${body.id}`);
    },
  );

  app.post(
    '/reports/activities/:activityId/disclosures/people/:personId/invite',
    {
      config: staff,
      schema: {
        summary: 'CE staff: email the person their disclosure link again',
        tags,
        params: activityParams.extend({ personId: z.uuid('expected a person id (uuid)') }),
        response: { 200: personSchema.describe('Emailed'), ...formRedirect, 404: notFound },
      },
    },
    async (req, reply) => {
      const { activityId, personId } = req.params;
      await invitePerson(ctx, activityId, personId);
      return answered(
        req,
        reply,
        200,
        await person(activityId, personId),
        `${base(activityId)}#person-${personId}`,
      );
    },
  );

  app.post(
    '/reports/activities/:activityId/disclosures/relationships/:relationshipId',
    {
      config: staff,
      schema: {
        summary:
          'CE staff: mark a disclosed relationship relevant or not, and record how a relevant one was mitigated',
        tags,
        params: activityParams.extend({ relationshipId: z.uuid('expected a relationship id (uuid)') }),
        body: decisionBody,
        response: {
          200: activityDisclosuresSchema.describe('The disclosures after the decision'),
          ...formRedirect,
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const { activityId, relationshipId } = req.params;
      await decideRelationship(ctx, activityId, relationshipId, req.body);
      return answered(
        req,
        reply,
        200,
        await activityDisclosures(ctx.db, activityId),
        `${base(activityId)}#status`,
      );
    },
  );
};

// Tracked actions: listed by program, series or status, and updated (status,
// owner, due date, note) through the API, the CLI and the report pages.
import { z } from 'zod';
import type { Routes } from '../../http/api.js';
import { apiErrorSchema } from '../../http/errors.js';
import { actionSchema, actionUpdateSchema, listActions, updateAction } from '../actions.js';
import { answered, committee, formRedirect, optionalField, tags } from './shared.js';

const formBody = z.object({
  status: optionalField(actionUpdateSchema.shape.status.unwrap()),
  owner: actionUpdateSchema.shape.owner,
  dueOn: optionalField(actionUpdateSchema.shape.dueOn.unwrap()),
  note: actionUpdateSchema.shape.note,
  /** The page a form came from (a local /reports path). */
  back: z.string().max(500).optional(),
});

export const actionRoutes: Routes = async (app, { ctx }) => {
  app.get(
    '/reports/actions',
    {
      config: committee,
      schema: {
        summary: 'Actions the committee’s reviews require, by program or series; open ones unless status=all',
        tags,
        querystring: z.object({
          programId: z.string().min(1).max(100).optional(),
          seriesId: z.string().min(1).max(100).optional(),
          status: z.enum(['open', 'all']).default('open'),
        }),
        response: { 200: z.object({ actions: z.array(actionSchema) }).describe('The actions') },
      },
    },
    async (req) => ({ actions: await listActions(ctx.db, req.query) }),
  );

  app.post(
    '/reports/actions/:actionId',
    {
      config: committee,
      schema: {
        summary: "Updates an action's status (open, in_progress, done, dropped), owner, due date or note",
        tags,
        params: z.object({ actionId: z.uuid('expected an action id (uuid)') }),
        body: formBody,
        response: {
          200: actionSchema.describe('The action as updated'),
          ...formRedirect,
          404: apiErrorSchema.describe('No such action'),
        },
      },
    },
    async (req, reply) => {
      const { back, ...update } = req.body;
      const action = await updateAction(ctx.db, req.params.actionId, update);
      const home = back && /^\/reports(\/|$|\?|#)/.test(back) ? back : '/reports';
      return answered(req, reply, 200, action, home);
    },
  );
};

// Public pages of disclosures: the form a planner, faculty member or reviewer
// opens from the emailed link (/disclose/:activityId?t=…, the link bound to
// the person, the path to the activity), and the public page of an activity
// that learners read before it starts. HTML only, left out of the OpenAPI
// document like the learner pages.
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import type { Routes } from '../http/api.js';
import { activities } from '../db/schema/index.js';
import { Invalid, Refused } from '../domain/errors.js';
import { LinkTokenError, verifyLinkToken } from '../platform/links.js';
import { learnerPage, refusedInputPage, send } from '../learner/pages/respond.js';
import { messagePage, type LearnerPage } from '../learner/pages/link-problem.js';
import type { FormBody } from '../learner/form.js';
import { peopleOf } from './status.js';
import { recordDisclosure } from './attest.js';
import { disclosureFormPage, inputFrom, typedFrom } from './pages/form.js';
import { activityPublicPage } from './pages/activity.js';

const hidden = { hide: true, tags: ['disclosures'] };
const config = { auth: 'public' as const };
const activityParams = z.object({ activityId: z.string().min(1).max(100) });
const anyQuery = z.record(z.string(), z.unknown());
const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({});
const str = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;

const LINK_PROBLEMS: Record<string, [number, string, string]> = {
  malformed: [
    400,
    'This link is incomplete',
    'Please copy the whole link from your email into the address bar.',
  ],
  tampered: [403, 'This link has been changed', 'Please open the link straight from your email.'],
  expired: [410, 'This link has expired', 'Please ask the CE office to send you a new one.'],
  wrong_purpose: [
    403,
    'This link is for a different page',
    'Please open the disclosure link from your email.',
  ],
};

const html = (body: string, status = 200): LearnerPage => ({ status, body });

/** The activity and the person a link is for, or the page saying why not. */
async function opened(ctx: AppContext, activityId: string, token: string | undefined) {
  let personId: string;
  try {
    personId = verifyLinkToken(token ?? '', ctx.config.LINK_SECRET, 'disclosure', ctx.clock.now()).sub;
  } catch (err) {
    if (!(err instanceof LinkTokenError)) throw err;
    const [status, title, why] = LINK_PROBLEMS[err.problem];
    return { page: messagePage(status, title, why) };
  }
  const [activity] = await ctx.db.select().from(activities).where(eq(activities.id, activityId));
  const person = activity ? (await peopleOf(ctx.db, activityId)).find((p) => p.id === personId) : undefined;
  if (!activity || !person)
    return {
      page: messagePage(
        403,
        'This link is for another activity',
        'The disclosure link you followed was sent for a different activity. Please open the link from the email about this activity; nothing was changed.',
      ),
    };
  return { activity, person, token: token! };
}

export const disclosureRoutes: Routes = async (app, { ctx }) => {
  app.setErrorHandler((err, _req, reply) => {
    const refused = refusedInputPage(err);
    if (!refused) throw err;
    return reply.send(send(reply, refused));
  });

  app.get(
    '/disclose/:activityId',
    { config, schema: { ...hidden, params: activityParams, querystring: anyQuery } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const o = await opened(ctx, req.params.activityId, str(req.query.t));
        if ('page' in o) return o.page!;
        return html(disclosureFormPage(o.activity, o.person, o.token));
      }),
  );

  app.post(
    '/disclose/:activityId',
    { config, schema: { ...hidden, params: activityParams, body: formBody } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const body = req.body as FormBody;
        const o = await opened(ctx, req.params.activityId, str(body.t));
        if ('page' in o) return o.page!;
        const typed = typedFrom(body);
        const { input, errors } = inputFrom(typed);
        const again = (e: Record<string, string>) =>
          html(disclosureFormPage(o.activity, o.person, o.token, { typed, errors: e }), 422);
        if (!input) return again(errors);
        try {
          await recordDisclosure(ctx, o.activity.id, o.person.id, input);
        } catch (err) {
          if (err instanceof Invalid)
            return again(Object.fromEntries(err.fields.map((f) => [f.field, f.message])));
          if (err instanceof Refused)
            return messagePage(403, 'This link is for another activity', err.message);
          throw err;
        }
        const person = (await peopleOf(ctx.db, o.activity.id)).find((p) => p.id === o.person.id)!;
        return html(disclosureFormPage(o.activity, person, o.token, { saved: true }));
      }),
  );

  app.get(
    '/catalog/activities/:activityId',
    { config, schema: { ...hidden, params: activityParams } },
    (req, reply) =>
      learnerPage(req, reply, async () => {
        const [activity] = await ctx.db
          .select()
          .from(activities)
          .where(eq(activities.id, req.params.activityId));
        if (!activity) return messagePage(404, 'No such activity', 'Please check the link.');
        return html(activityPublicPage(activity, await peopleOf(ctx.db, activity.id)));
      }),
  );
};

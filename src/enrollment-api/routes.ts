// The enrollment system's API: activities, enrollments, the events an LMS or
// shop sends (signals, 202) and the learner's submissions (stored, then
// answered with the result the workflow records; the same request again,
// or the same Idempotency-Key, answers the same result). Schemas come from ./contract.ts, which the typed client
// (src/client) shares; the work itself is src/enrollment/service.ts.
import type { z } from 'zod';
import * as service from '../enrollment/service.js';
import type { AppContext } from '../context.js';
import type { Api, Routes } from '../http/api.js';
import * as api from './contract.js';
import { readActivity, readClaimable, toEnrollmentView } from './views.js';
import { transcriptRoutes } from './transcript-routes.js';
import { profileRoutes } from './profile-routes.js';

const tags = ['enrollment'];
const config = { auth: 'enrollment' as const };
const notFound = api.apiErrorSchema.describe('No such activity or enrollment');
const conflict = api.apiErrorSchema.describe(
  'The enrollment is finished or not at a stage that takes this (the message says which)',
);

/** An event is a signal the workflow applies on its own time: 202, then GET the enrollment. */
function eventRoute<B extends z.ZodType>(
  app: Api,
  ctx: AppContext,
  event: {
    path: string;
    summary: string;
    body: B;
    send: (ctx: AppContext, enrollmentId: string, event: z.output<B>) => Promise<void>;
    /** When the rules may refuse the event (422), why. */
    refused?: string;
  },
): void {
  app.post(
    `/enrollments/:enrollmentId/${event.path}`,
    {
      config,
      schema: {
        summary: event.summary,
        tags,
        params: api.enrollmentParams,
        body: event.body,
        response: {
          202: api.acceptedSchema.describe('Accepted by the workflow'),
          404: notFound,
          409: conflict,
          ...(event.refused ? { 422: api.apiErrorSchema.describe(event.refused) } : {}),
        },
      },
    },
    async (req, reply) => {
      await event.send(ctx, req.params.enrollmentId, req.body as z.output<B>);
      return reply.status(202).send({ enrollmentId: req.params.enrollmentId, accepted: true as const });
    },
  );
}

export const enrollmentApiRoutes: Routes = async (app, { ctx }) => {
  app.put(
    '/activities/:activityId',
    {
      config,
      schema: {
        summary: 'Create or update an activity and its policy',
        tags,
        params: api.activityParams,
        body: api.activityRequestSchema,
        response: {
          200: api.activitySavedSchema.describe('Updated'),
          201: api.activitySavedSchema.describe('Created'),
        },
      },
    },
    async (req, reply) => {
      const { created } = await service.saveActivity(ctx, req.params.activityId, req.body);
      return reply.status(created ? 201 : 200).send({ activityId: req.params.activityId, created });
    },
  );

  app.get(
    '/activities/:activityId',
    {
      config,
      schema: {
        summary: 'Read an activity, its policy and how many are enrolled',
        tags,
        params: api.activityParams,
        response: { 200: api.activityViewSchema.describe('The activity'), 404: notFound },
      },
    },
    (req) => readActivity(ctx.db, req.params.activityId),
  );

  app.post(
    '/activities/:activityId/enrollments',
    {
      config,
      schema: {
        summary:
          'Enroll a learner: starts the enrollment workflow (a second call returns the same enrollment)',
        tags,
        params: api.activityParams,
        body: api.enrollRequestSchema,
        response: {
          201: api.enrollmentCreatedSchema.describe('Enrolled'),
          200: api.enrollmentCreatedSchema.describe('Already enrolled: the existing enrollment'),
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const { activityId } = req.params;
      const { learner, feeWaiver } = req.body;
      const result = await service.enroll(ctx, activityId, learner, { feeWaiver });
      return reply.status(result.created ? 201 : 200).send({
        enrollmentId: result.enrollmentId,
        workflowId: result.workflowId,
        activityId,
        learnerId: learner.id,
        created: result.created,
      });
    },
  );

  app.get(
    '/enrollments/:enrollmentId',
    {
      config,
      schema: {
        summary: "An enrollment's state and the stages it reached, with when",
        tags,
        params: api.enrollmentParams,
        response: { 200: api.enrollmentViewSchema.describe('The enrollment'), 404: notFound },
      },
    },
    async (req) => toEnrollmentView(await service.getEnrollment(ctx, req.params.enrollmentId)),
  );

  eventRoute(app, ctx, {
    path: 'payments',
    summary: 'Record a payment (amount, reference)',
    body: api.paymentEventSchema,
    send: service.recordPayment,
    refused: 'Below the price, or in another currency',
  });
  eventRoute(app, ctx, {
    path: 'attendance',
    summary: 'Record attendance (minutes, session; completed when the learner has finished)',
    body: api.attendanceEventSchema,
    send: service.recordAttendance,
  });
  eventRoute(app, ctx, {
    path: 'withdrawal',
    summary: 'Withdraw the learner (with a refund reference when money goes back)',
    body: api.withdrawalSchema,
    send: service.withdraw,
  });

  await app.register(submissionRoutes, { ctx });

  app.get(
    '/enrollments/:enrollmentId/claimable',
    {
      config,
      schema: {
        summary:
          'The most the learner may claim per designated credit type for the time attended, with reasons',
        tags,
        params: api.enrollmentParams,
        response: { 200: api.claimableSchema.describe('Claimable credit'), 404: notFound },
      },
    },
    (req) => readClaimable(ctx.db, req.params.enrollmentId),
  );

  await app.register(transcriptRoutes, { ctx });
  await app.register(profileRoutes, { ctx });
};

function submissionResponses(ok: z.ZodType, refused?: string): Record<number, z.ZodType> {
  return {
    200: ok,
    202: api.pendingSchema,
    404: notFound,
    409: conflict,
    422: api.apiErrorSchema.describe(
      refused
        ? `${refused}; or an Idempotency-Key already used for another request`
        : 'An Idempotency-Key already used for another request',
    ),
  };
}

/** A submission: stored, acted on by the workflow, answered with its result. */
function submissionRoute<B extends z.ZodType, R extends z.ZodType>(
  app: Api,
  ctx: AppContext,
  submission: {
    path: string;
    summary: string;
    body: B;
    response: R;
    run: (enrollmentId: string, body: z.output<B>, options: service.SubmitOptions) => Promise<z.output<R>>;
    /** When the rules may refuse it (422), why. */
    refused?: string;
  },
): void {
  app.post(
    `/enrollments/:enrollmentId/${submission.path}`,
    {
      config,
      schema: {
        summary: submission.summary,
        tags,
        params: api.enrollmentParams,
        headers: api.idempotencyHeaders,
        body: submission.body,
        // Built apart: with the 200 schema generic, fastify cannot resolve the reply type of a literal map.
        response: submissionResponses(submission.response, submission.refused),
      },
    },
    // A 202 is thrown (Pending) and answered by the error handler; the handler sends the 200.
    async (req) =>
      submission.run(req.params.enrollmentId, req.body as z.output<B>, {
        idempotencyKey: req.headers['idempotency-key'],
      }),
  );
}

const submissionRoutes: Routes = async (app, { ctx }) => {
  /** A submission answered only with "recorded". */
  const recording =
    <T>(
      submit: (c: AppContext, enrollmentId: string, submission: T, o: service.SubmitOptions) => Promise<void>,
    ) =>
    async (enrollmentId: string, submission: T, options: service.SubmitOptions) => {
      await submit(ctx, enrollmentId, submission, options);
      return { enrollmentId, recorded: true as const };
    };

  submissionRoute(app, ctx, {
    path: 'competence',
    summary: 'Submit competence-check answers; answered with the grade',
    body: api.competenceSubmissionSchema,
    response: api.competenceResultSchema.describe('Graded attempt'),
    run: (id, body, options) => service.submitCompetence(ctx, id, body, options),
  });
  submissionRoute(app, ctx, {
    path: 'evaluation',
    summary: 'Submit the evaluation and the commitment to change',
    body: api.evaluationSubmissionSchema,
    response: api.recordedSchema.describe('Recorded'),
    run: recording(service.submitEvaluation),
  });
  submissionRoute(app, ctx, {
    path: 'claim',
    summary: 'Claim credit per designated type; checked against the rules, then certificates are issued',
    body: api.claimSubmissionSchema,
    response: api.claimResultSchema.describe('Claim accepted'),
    run: (id, body, options) => service.submitClaim(ctx, id, body, options),
    refused: 'Refused by the credit rules; details lists each problem',
  });
  submissionRoute(app, ctx, {
    path: 'follow-up',
    summary: 'Answer the follow-up questionnaire on performance in practice',
    body: api.followUpSubmissionSchema,
    response: api.recordedSchema.describe('Recorded'),
    run: recording(service.submitFollowUp),
  });
};

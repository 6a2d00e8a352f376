// The enrollment system's API: activities, enrollments, the events an LMS or
// shop sends (signals, 202) and the learner's submissions (updates, answered
// with the result). Schemas come from src/client/contract.ts, which the typed
// client shares; the work itself is src/enrollment/service.ts.
import type { AppContext } from '../context.js';
import type { RouteRegistry } from '../http/route.js';
import * as service from '../enrollment/service.js';
import * as api from './contract.js';
import { readActivity, readClaimable, toEnrollmentView } from './views.js';
import { registerOutboxRoutes } from '../staff/routes.js';

const tags = ['enrollment'];
const notFound = { description: 'No such activity or enrollment', schema: api.apiErrorSchema };
const conflict = {
  description: 'The enrollment is finished or not at a stage that takes this (the message says which)',
  schema: api.apiErrorSchema,
};

export function registerEnrollmentRoutes(routes: RouteRegistry, ctx: AppContext): void {
  routes.add(
    {
      method: 'PUT',
      url: '/activities/:activityId',
      summary: 'Create or update an activity and its policy',
      tags,
      auth: 'enrollment',
      params: api.activityParams,
      body: api.activityRequestSchema,
      responses: {
        200: { description: 'Updated', schema: api.activitySavedSchema },
        201: { description: 'Created', schema: api.activitySavedSchema },
      },
    },
    async ({ params, body, reply }) => {
      const { created } = await service.saveActivity(ctx, params.activityId, body);
      reply.status(created ? 201 : 200);
      return { activityId: params.activityId, created };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/activities/:activityId',
      summary: 'Read an activity, its policy and how many are enrolled',
      tags,
      auth: 'enrollment',
      params: api.activityParams,
      responses: { 200: { description: 'The activity', schema: api.activityViewSchema }, 404: notFound },
    },
    ({ params }) => readActivity(ctx.db, params.activityId),
  );

  routes.add(
    {
      method: 'POST',
      url: '/activities/:activityId/enrollments',
      summary: 'Enroll a learner: starts the enrollment workflow (a second call returns the same enrollment)',
      tags,
      auth: 'enrollment',
      params: api.activityParams,
      body: api.enrollRequestSchema,
      responses: {
        201: { description: 'Enrolled', schema: api.enrollmentCreatedSchema },
        200: {
          description: 'Already enrolled: the existing enrollment',
          schema: api.enrollmentCreatedSchema,
        },
        404: notFound,
      },
    },
    async ({ params, body, reply }) => {
      const result = await service.enroll(ctx, params.activityId, body.learner, {
        feeWaiver: body.feeWaiver,
      });
      reply.status(result.created ? 201 : 200);
      return {
        enrollmentId: result.enrollmentId,
        workflowId: result.workflowId,
        activityId: params.activityId,
        learnerId: body.learner.id,
        created: result.created,
      };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/enrollments/:enrollmentId',
      summary: "An enrollment's state and the stages it reached, with when",
      tags,
      auth: 'enrollment',
      params: api.enrollmentParams,
      responses: { 200: { description: 'The enrollment', schema: api.enrollmentViewSchema }, 404: notFound },
    },
    async ({ params }) => toEnrollmentView(await service.getEnrollment(ctx, params.enrollmentId)),
  );

  // Events: signals the workflow takes when it gets to them.
  const events = [
    {
      path: 'payments',
      summary: 'Record a payment (amount, reference)',
      body: api.paymentEventSchema,
      send: service.recordPayment,
    },
    {
      path: 'attendance',
      summary: 'Record attendance (minutes, session; completed when the learner has finished)',
      body: api.attendanceEventSchema,
      send: service.recordAttendance,
    },
    {
      path: 'withdrawal',
      summary: 'Withdraw the learner (with a refund reference when money goes back)',
      body: api.withdrawalSchema,
      send: service.withdraw,
    },
  ] as const;
  for (const event of events) {
    routes.add(
      {
        method: 'POST',
        url: `/enrollments/:enrollmentId/${event.path}`,
        summary: event.summary,
        tags,
        auth: 'enrollment',
        params: api.enrollmentParams,
        body: event.body,
        responses: {
          202: { description: 'Accepted by the workflow', schema: api.acceptedSchema },
          404: notFound,
          409: conflict,
        },
      },
      async ({ params, body, reply }) => {
        await (event.send as (c: AppContext, id: string, e: unknown) => Promise<unknown>)(
          ctx,
          params.enrollmentId,
          body,
        );
        reply.status(202);
        return { enrollmentId: params.enrollmentId, accepted: true as const };
      },
    );
  }

  // Submissions: updates the workflow validates and answers.
  routes.add(
    {
      method: 'POST',
      url: '/enrollments/:enrollmentId/competence',
      summary: 'Submit competence-check answers; answered with the grade',
      tags,
      auth: 'enrollment',
      params: api.enrollmentParams,
      body: api.competenceSubmissionSchema,
      responses: {
        200: { description: 'Graded attempt', schema: api.competenceResultSchema },
        404: notFound,
        409: conflict,
      },
    },
    ({ params, body }) => service.submitCompetence(ctx, params.enrollmentId, body),
  );

  routes.add(
    {
      method: 'POST',
      url: '/enrollments/:enrollmentId/evaluation',
      summary: 'Submit the evaluation and the commitment to change',
      tags,
      auth: 'enrollment',
      params: api.enrollmentParams,
      body: api.evaluationSubmissionSchema,
      responses: {
        200: { description: 'Recorded', schema: api.recordedSchema },
        404: notFound,
        409: conflict,
      },
    },
    async ({ params, body }) => {
      await service.submitEvaluation(ctx, params.enrollmentId, body);
      return { enrollmentId: params.enrollmentId, recorded: true as const };
    },
  );

  routes.add(
    {
      method: 'POST',
      url: '/enrollments/:enrollmentId/claim',
      summary: 'Claim credit per designated type; checked against the rules, then certificates are issued',
      tags,
      auth: 'enrollment',
      params: api.enrollmentParams,
      body: api.claimSubmissionSchema,
      responses: {
        200: { description: 'Claim accepted', schema: api.claimResultSchema },
        404: notFound,
        409: conflict,
        422: {
          description: 'Refused by the credit rules; details lists each problem',
          schema: api.apiErrorSchema,
        },
      },
    },
    ({ params, body }) => service.submitClaim(ctx, params.enrollmentId, body),
  );

  routes.add(
    {
      method: 'POST',
      url: '/enrollments/:enrollmentId/follow-up',
      summary: 'Answer the follow-up questionnaire on performance in practice',
      tags,
      auth: 'enrollment',
      params: api.enrollmentParams,
      body: api.followUpSubmissionSchema,
      responses: {
        200: { description: 'Recorded', schema: api.recordedSchema },
        404: notFound,
        409: conflict,
      },
    },
    async ({ params, body }) => {
      await service.submitFollowUp(ctx, params.enrollmentId, body);
      return { enrollmentId: params.enrollmentId, recorded: true as const };
    },
  );

  routes.add(
    {
      method: 'GET',
      url: '/enrollments/:enrollmentId/claimable',
      summary:
        'The most the learner may claim per designated credit type for the time attended, with reasons',
      tags,
      auth: 'enrollment',
      params: api.enrollmentParams,
      responses: { 200: { description: 'Claimable credit', schema: api.claimableSchema }, 404: notFound },
    },
    ({ params }) => readClaimable(ctx.db, params.enrollmentId),
  );

  registerOutboxRoutes(routes, ctx);
}

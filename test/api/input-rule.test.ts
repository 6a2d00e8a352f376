// A NUL byte or another control character in any field, through the API or a
// learner form, is a 400 naming the field; nothing is stored, no workflow is
// stuck, and the enrollment still completes afterwards. A signal sent around
// the API with such text is ignored by the workflow, never recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleAnswers, sampleLearner } from '../support/fixtures.js';
import { attendance, learners, payments } from '../../src/db/schema/index.js';
import { attendanceRecorded } from '../../workflows/messages.js';
import { mintLink } from '../../src/platform/links.js';
import { evaluation, outcomeOf, policyWith, reachStage } from '../lifecycle/story.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const post = (path: string, body: unknown, headers = stack.auth.enrollment) =>
  fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function refused(res: Response, field: string) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { error: string };
  expect(body.error).toContain(field);
  return body.error;
}

describe('paths the router refuses', () => {
  it('answers a path parameter over 100 characters or a malformed escape with a 400 naming the path', async () => {
    for (const path of [`/activities/${'a'.repeat(101)}`, '/activities/%E0%A4%A']) {
      const res = await fetch(`${stack.baseUrl}${path}`, { headers: stack.auth.enrollment });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^path: /);
    }
    const fine = await fetch(`${stack.baseUrl}/activities/${'a'.repeat(100)}`, {
      headers: stack.auth.enrollment,
    });
    expect(fine.status).toBe(404);
  });
});

describe('text the database cannot hold', () => {
  it('is refused at the door, field by field, and the enrollment still completes', async () => {
    const activityId = 'input-rule';
    await fetch(`${stack.baseUrl}/activities/${activityId}`, {
      method: 'PUT',
      headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
      body: JSON.stringify(
        sampleActivity({
          policy: policyWith({
            followUp: { enabled: true, delay: '1s', reminders: ['30s'], closeAfter: '40s' },
          }),
        }),
      ),
    });
    // A learner name with NUL: refused, no learner stored.
    const learner = sampleLearner(801);
    await refused(
      await post(`/activities/${activityId}/enrollments`, { learner: { ...learner, name: 'Ana\u0000Lima' } }),
      'body.learner.name',
    );
    expect(await stack.db.select().from(learners).where(eq(learners.id, learner.id))).toEqual([]);
    const enrolled = (await (await post(`/activities/${activityId}/enrollments`, { learner })).json()) as {
      enrollmentId: string;
      workflowId: string;
    };
    const id = enrolled.enrollmentId;

    // A payment reference and an attendance key with NUL: refused, nothing recorded.
    const when = new Date().toISOString();
    await refused(
      await post(`/enrollments/${id}/payments`, {
        amountCents: 2500,
        currency: 'USD',
        reference: 'p\u0000',
        receivedAt: when,
      }),
      'body.reference',
    );
    expect(await stack.db.select().from(payments).where(eq(payments.enrollmentId, id))).toEqual([]);
    await post(`/enrollments/${id}/payments`, {
      amountCents: 2500,
      currency: 'USD',
      reference: 'pay-801',
      receivedAt: when,
    });
    await reachStage(stack, id, 'attending');
    await refused(
      await post(`/enrollments/${id}/attendance`, { eventKey: 'module\u0000', minutes: 90, completed: true }),
      'body.eventKey',
    );
    // The same sent as a signal around the API: the workflow ignores it.
    await stack.client.workflow.getHandle(enrolled.workflowId).signal(attendanceRecorded, {
      eventKey: 'sneaky\u0000',
      minutes: 90,
      completed: true,
      recordedAt: when,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await stack.db.select().from(attendance).where(eq(attendance.enrollmentId, id))).toEqual([]);
    expect((await reachStage(stack, id, 'attending')).minutesAttended).toBe(0);
    await post(`/enrollments/${id}/attendance`, { eventKey: 'module-1', minutes: 90, completed: true });
    await reachStage(stack, id, 'competence');
    await post(`/enrollments/${id}/competence`, { answers: sampleAnswers(0) });
    await reachStage(stack, id, 'evaluation');

    // The commitment and a comment with control characters, through the API.
    await refused(
      await post(`/enrollments/${id}/evaluation`, evaluation('Test toxin\u0000 first')),
      'body.commitment',
    );
    await refused(
      await post(`/enrollments/${id}/evaluation`, { ...evaluation(), comments: 'escape \u001b[2J' }),
      'body.comments',
    );
    // And through the learner's form: a plain page, not JSON.
    const link = new URL(mintLink(stack.ctx, 'evaluation', id, '1h'));
    const form = await fetch(`${stack.baseUrl}/learn/evaluation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        t: link.searchParams.get('t')!,
        'rating:0': '5',
        'rating:1': '5',
        'rating:2': '5',
        relevance: '5',
        bias: 'yes',
        commitment: 'Order the toxin test\u0000',
      }),
    });
    expect(form.status).toBe(400);
    expect(form.headers.get('content-type')).toMatch(/text\/html/);
    const page = await form.text();
    expect(page).toContain('We could not take this form');
    expect(page).toContain('commitment');

    // Nothing stuck: the same learner goes on and completes.
    expect((await post(`/enrollments/${id}/evaluation`, evaluation())).status).toBe(200);
    expect(
      (await post(`/enrollments/${id}/claim`, { claims: [{ creditType: 'ama_pra_1', credits: 1.5 }] }))
        .status,
    ).toBe(200);
    await reachStage(stack, id, 'follow_up');
    await refused(
      await post(`/enrollments/${id}/follow-up`, { implemented: 'fully', comments: 'no\u0000' }),
      'body.comments',
    );
    expect((await post(`/enrollments/${id}/follow-up`, { implemented: 'fully' })).status).toBe(200);
    expect(await outcomeOf(stack, { workflowId: enrolled.workflowId } as never)).toBe('completed');
  });
});

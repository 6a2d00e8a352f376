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

describe('values the database, a timer or a mail server could not take', () => {
  it('are a 400 naming the field, never a 500, and nothing is stored', async () => {
    const put = (id: string, body: unknown) =>
      fetch(`${stack.baseUrl}/activities/${id}`, {
        method: 'PUT',
        headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const base = sampleActivity();
    const cases: [string, unknown, string][] = [
      // Year 20 is stored, then read back by JavaScript as an invalid date.
      ['year-20', { ...base, startsAt: '0020-02-29T00:00:00Z' }, 'body.startsAt'],
      ['year-9999', { ...base, endsAt: '9999-12-31T00:00:00Z' }, 'body.endsAt'],
      [
        'empty-close',
        { ...base, policy: policyWith({ followUp: { closeAfter: '' } }) },
        'body.policy.followUp.closeAfter',
      ],
      [
        'century-delay',
        { ...base, policy: policyWith({ followUp: { delay: '36500d' } }) },
        'body.policy.followUp.delay',
      ],
      ['huge-price', { ...base, priceCents: 1e15 }, 'body.priceCents'],
      ['odd-currency', { ...base, currency: '€€€' }, 'body.currency'],
      ['lower-currency', { ...base, currency: 'usd' }, 'body.currency'],
      ['long-objective', { ...base, learningObjectives: ['x'.repeat(501)] }, 'body.learningObjectives.0'],
    ];
    for (const [id, body, field] of cases) {
      const res = await put(id, body);
      expect(res.status, id).toBe(400);
      expect(((await res.json()) as { error: string }).error, id).toContain(field);
      expect(
        (await fetch(`${stack.baseUrl}/activities/${id}`, { headers: stack.auth.enrollment })).status,
      ).toBe(404);
    }
    expect((await put('bounds', base)).status).toBe(201);

    const learner = { ...sampleLearner(802), email: `${'a'.repeat(65)}@example.org` };
    await refused(await post('/activities/bounds/enrollments', { learner }), 'body.learner.email');
    const { enrollmentId } = (await (
      await post('/activities/bounds/enrollments', { learner: sampleLearner(802) })
    ).json()) as { enrollmentId: string };
    const payment = { amountCents: 2500, currency: 'USD', reference: 'pay-802' };
    // More cents than an integer column holds would fail the step that stores it, on every retry.
    await refused(
      await post(`/enrollments/${enrollmentId}/payments`, { ...payment, amountCents: 2 ** 31 }),
      'body.amountCents',
    );
    await refused(
      await post(`/enrollments/${enrollmentId}/payments`, { ...payment, receivedAt: '0001-01-01T00:00:00Z' }),
      'body.receivedAt',
    );
    expect(await stack.db.select().from(payments).where(eq(payments.enrollmentId, enrollmentId))).toEqual([]);
  });

  it('base64 a strict decoder refuses (a group of four cut short) is a 400, not a 500', async () => {
    for (const direction of ['encode', 'decode']) {
      const res = await fetch(`${stack.baseUrl}/codec/${direction}`, {
        method: 'POST',
        headers: { ...stack.auth.staff, 'content-type': 'application/json' },
        body: JSON.stringify({
          payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'ds0w8rSd4gw6==' }],
        }),
      });
      expect(res.status, direction).toBe(400);
      expect(((await res.json()) as { error: string }).error).toContain('body.payloads.0.data');
    }
  });
});

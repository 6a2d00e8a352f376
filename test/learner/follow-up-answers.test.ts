// The follow-up answer is one per enrollment and final once the questionnaire
// closes: "toString" or "constructor" in the one-click link are not answers
// (nothing saved, no 500), the details form corrects the answer while the
// questionnaire is open, and a form replayed after it closed changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers } from '../support/fixtures.js';
import { followUpResponses } from '../../src/db/schema/index.js';
import { getPage, learnerAtCompetence, postForm, tokenFor, untilStage } from './journey.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

async function api(path: string, body: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

const storedAnswers = (enrollmentId: string) =>
  stack.db.select().from(followUpResponses).where(eq(followUpResponses.enrollmentId, enrollmentId));

describe('the follow-up answer', () => {
  it('takes only real answers, corrections while open, and nothing once closed', async () => {
    const { enrollmentId } = await learnerAtCompetence(stack, 41, {
      policy: { followUp: { enabled: true, delay: '1s', reminders: [], closeAfter: '6s' } },
    });
    const e = `/enrollments/${enrollmentId}`;
    await api(`${e}/competence`, { answers: sampleAnswers() });
    await untilStage(stack, enrollmentId, 'evaluation');
    await api(`${e}/evaluation`, {
      objectiveRatings: [5, 4, 5],
      relevance: 5,
      freeOfCommercialBias: true,
      commitment: 'Order toxin testing first.',
    });
    await api(`${e}/claim`, { claims: [{ creditType: 'ama_pra_1', credits: 1 }] });
    await untilStage(stack, enrollmentId, 'follow_up');

    const t = encodeURIComponent(tokenFor(stack, 'follow_up', enrollmentId));
    for (const bogus of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const page = await getPage(`${stack.baseUrl}/learn/follow_up?t=${t}&implemented=${bogus}`);
      expect(page.status, bogus).toBe(200);
      expect(page.body).not.toContain('function');
      expect(page.body).toContain('Send my answer');
    }
    expect(await storedAnswers(enrollmentId)).toHaveLength(0);

    const clicked = await getPage(`${stack.baseUrl}/learn/follow_up?t=${t}&implemented=not`);
    expect(clicked.body).toContain('<strong>Not (yet)</strong>');
    await untilStage(stack, enrollmentId, 'closed');

    // A scanner clicked first: the learner corrects it while the questionnaire is open.
    const form = { t: decodeURIComponent(t), implemented: 'partly', comments: 'Ward agreed' };
    const corrected = await postForm(`${stack.baseUrl}/learn/follow_up`, form);
    expect(corrected.body).toContain('your answers are saved');
    expect((await storedAnswers(enrollmentId)).map((r) => r.implemented)).toEqual(['partly']);

    // After closeAfter (6 s from the follow-up email), the same form replayed changes nothing.
    const [{ followUpSentAt }] = await stack.db.query.enrollments.findMany({
      where: (row, { eq: is }) => is(row.id, enrollmentId),
    });
    const wait = followUpSentAt!.getTime() + 6_500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const replayed = await postForm(`${stack.baseUrl}/learn/follow_up`, {
      ...form,
      implemented: 'fully',
      comments: 'changed later',
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toContain('The questionnaire has closed, so your answer stays as recorded.');
    expect(replayed.body).not.toContain('Save details');
    const [stored] = await storedAnswers(enrollmentId);
    expect(stored).toMatchObject({ implemented: 'partly', comments: 'Ward agreed' });
    expect(await storedAnswers(enrollmentId)).toHaveLength(1);
  });
});

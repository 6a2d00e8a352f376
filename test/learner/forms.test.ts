// The learner's forms, end to end through the workflow: competence check,
// evaluation with commitment and claim, follow-up, certificates. Each
// submission is idempotent, free text comes back escaped, and a refused claim
// keeps what the learner typed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import {
  competenceAttempts,
  creditClaims,
  evaluations,
  followUpResponses,
  certificates,
} from '../../src/db/schema/index.js';
import {
  expectNoInternals,
  getPage,
  learnerAtCompetence,
  linkFor,
  postForm,
  tokenFor,
  untilStage,
} from './journey.js';
import { pdfText } from './pdf-tools.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const rows = async (
  table: typeof competenceAttempts | typeof evaluations | typeof creditClaims | typeof followUpResponses,
  enrollmentId: string,
) =>
  Number(
    (await stack.db.select({ n: count() }).from(table).where(eq(table.enrollmentId, enrollmentId)))[0].n,
  );

function competenceForm(token: string, attempt: number, answers: Record<string, string>) {
  return {
    t: token,
    attempt: String(attempt),
    ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answer:${k}`, v])),
  };
}

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const HOSTILE_ESCAPED =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;';

function evaluationForm(token: string, extra: Record<string, string> = {}) {
  return {
    t: token,
    'rating:0': '5',
    'rating:1': '4',
    'rating:2': '4',
    relevance: '5',
    bias: 'no',
    biasComment: HOSTILE,
    commitment: `Order toxin testing first. ${HOSTILE}`,
    comments: 'Good cases',
    'credits:ama_pra_1': '1.5',
    ...extra,
  };
}

describe('competence check', () => {
  it('shows the result with the attempts left; a replayed or double-clicked form records one attempt', async () => {
    const { enrollmentId } = await learnerAtCompetence(stack, 10);
    const token = tokenFor(stack, 'competence', enrollmentId);
    const url = `${stack.baseUrl}/learn/competence`;

    const missing = await postForm(url, competenceForm(token, 1, { v1: 'a' }));
    expect(missing.status).toBe(422);
    expect(missing.body).toContain('Please answer every question');
    expect(missing.body).toMatch(/value="a"\s+checked/);
    expect(await rows(competenceAttempts, enrollmentId)).toBe(0);

    const failed = await postForm(url, competenceForm(token, 1, sampleAnswers(2)));
    expect(failed.status).toBe(200);
    expect(failed.body).toContain('Not passed this time');
    expect(failed.body).toContain('Attempts left: 1');
    expect(failed.body).toContain('score <strong>33%</strong>');

    const replay = await postForm(url, competenceForm(token, 1, sampleAnswers(2)));
    expect(replay.body).toContain('already recorded');
    expect(replay.body).toContain('Attempt 1 of 2');
    expect(await rows(competenceAttempts, enrollmentId)).toBe(1);

    // A double click: two identical posts at once.
    const [a, b] = await Promise.all([
      postForm(url, competenceForm(token, 2, sampleAnswers())),
      postForm(url, competenceForm(token, 2, sampleAnswers())),
    ]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(r.body).toContain('You passed the competence check');
      expectNoInternals(r.body);
    }
    expect(await rows(competenceAttempts, enrollmentId)).toBe(2);
    expect(a.body + b.body).toContain('/learn/evaluation?t=');
  });
});

describe('evaluation and claim', () => {
  it('refuses a claim beyond the rules with the reason by the field, keeps what was typed, saves nothing', async () => {
    const { enrollmentId } = await learnerAtCompetence(stack, 11);
    await postForm(
      `${stack.baseUrl}/learn/competence`,
      competenceForm(tokenFor(stack, 'competence', enrollmentId), 1, sampleAnswers()),
    );
    await untilStage(stack, enrollmentId, 'evaluation');
    const token = tokenFor(stack, 'evaluation', enrollmentId);

    const form = await getPage(`${stack.baseUrl}/learn/evaluation?t=${encodeURIComponent(token)}`);
    expect(form.status).toBe(200);
    expect(form.body).toContain('Credits to claim (up to 1.5)');
    expect(form.body).toContain('<legend>How relevant was the activity to your practice?</legend>');

    const refused = await postForm(
      `${stack.baseUrl}/learn/evaluation`,
      evaluationForm(token, { 'credits:ama_pra_1': '2', commitment: '' }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Write what you intend to change in your practice.');
    expect(refused.body).toContain('value="2"');
    expect(refused.body).toContain(HOSTILE_ESCAPED);
    expect(refused.body).not.toContain(HOSTILE);

    const overClaim = await postForm(
      `${stack.baseUrl}/learn/evaluation`,
      evaluationForm(token, { 'credits:ama_pra_1': '2' }),
    );
    expect(overClaim.status).toBe(422);
    const field = overClaim.body.slice(overClaim.body.indexOf('<legend>AMA PRA Category 1 Credit™</legend>'));
    expect(field.slice(0, 1200)).toContain('At most 1.5 AMA PRA Category 1 Credit™ may be claimed');
    expect(overClaim.body).toContain('Order toxin testing first.');
    expect(await rows(evaluations, enrollmentId)).toBe(0);
    expect(await rows(creditClaims, enrollmentId)).toBe(0);
  });

  it('records evaluation and claim once, shows the saved answers escaped on a resubmit', async () => {
    // The follow-up stays open long enough for the test to answer and add details.
    const { enrollmentId } = await learnerAtCompetence(stack, 12, {
      policy: { followUp: { enabled: true, delay: '1s', reminders: ['50s'], closeAfter: '60s' } },
    });
    await postForm(
      `${stack.baseUrl}/learn/competence`,
      competenceForm(tokenFor(stack, 'competence', enrollmentId), 1, sampleAnswers()),
    );
    await untilStage(stack, enrollmentId, 'evaluation');
    const token = tokenFor(stack, 'evaluation', enrollmentId);

    const saved = await postForm(`${stack.baseUrl}/learn/evaluation`, evaluationForm(token));
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('your evaluation and claim are recorded');
    expect(saved.body).toContain(HOSTILE_ESCAPED);
    expect(saved.body).not.toContain('<script>alert');
    expect(saved.body).toContain('1.5 AMA PRA Category 1 Credit™');

    const again = await postForm(
      `${stack.baseUrl}/learn/evaluation`,
      evaluationForm(token, { 'credits:ama_pra_1': '1' }),
    );
    expect(again.body).toContain('nothing was recorded twice');
    expect(again.body).toContain('1.5 AMA PRA Category 1 Credit™');
    expect(await rows(evaluations, enrollmentId)).toBe(1);
    expect(await rows(creditClaims, enrollmentId)).toBe(1);

    // Certificates: one per credit type claimed, downloadable with the same token and the number.
    const certToken = tokenFor(stack, 'certificate', enrollmentId);
    const list = await eventually(async () => {
      const p = await getPage(`${stack.baseUrl}/learn/certificate?t=${encodeURIComponent(certToken)}`);
      return (p.body.match(/Download certificate/g) ?? []).length === 1 ? p : undefined;
    });
    const href = /href="(\/learn\/certificate\/download\?[^"]+)"/.exec(list!.body)![1].replace(/&amp;/g, '&');
    const pdf = await fetch(`${stack.baseUrl}${href}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Dr Learner 12');
    // The number belongs to this enrollment only.
    const [other] = await stack.db
      .select()
      .from(certificates)
      .where(eq(certificates.enrollmentId, enrollmentId));
    const foreign = await getPage(
      `${stack.baseUrl}/learn/certificate/download?t=${encodeURIComponent(tokenFor(stack, 'certificate', '22222222-2222-4222-8222-222222222222'))}&n=${other.number}`,
    );
    expect(foreign.status).toBe(404);

    // Follow-up: one click from the email records the answer; the details amend the same row.
    const mail = await stack.capture.waitFor(
      (m) => m.to.includes('learner12@example.org') && m.subject.startsWith('Did you make the change?'),
    );
    const oneClick = /href="([^"]+implemented=partly[^"]*)"/.exec(mail.html)![1].replace(/&amp;/g, '&');
    const answered = await getPage(oneClick);
    expect(answered.status).toBe(200);
    expect(answered.body).toContain('your answer is recorded');
    expect(answered.body).toContain('<strong>Partly</strong>');
    expect(answered.body).toContain(`Order toxin testing first. ${HOSTILE_ESCAPED}`);
    const clickedAgain = await getPage(oneClick.replace('implemented=partly', 'implemented=fully'));
    expect(clickedAgain.body).toContain('<strong>Partly</strong>');
    expect(clickedAgain.body).toContain('nothing was recorded twice');
    expect(await rows(followUpResponses, enrollmentId)).toBe(1);

    const followToken = new URL(oneClick).searchParams.get('t')!;
    const details = await postForm(`${stack.baseUrl}/learn/follow_up`, {
      t: followToken,
      implemented: 'partly',
      barriers: ['Not enough time', 'Patient preferences'],
      barrierOther: '<b>rota</b>',
      confidence: '4',
      comments: 'Ward agreed',
    });
    expect(details.status).toBe(200);
    expect(details.body).toContain('your answers are saved');
    expect(details.body).toContain('&lt;b&gt;rota&lt;/b&gt;');
    const [response] = await stack.db
      .select()
      .from(followUpResponses)
      .where(eq(followUpResponses.enrollmentId, enrollmentId));
    expect(response).toMatchObject({
      implemented: 'partly',
      barriers: ['Not enough time', 'Patient preferences', '<b>rota</b>'],
      confidence: 4,
      comments: 'Ward agreed',
    });
    expect(await rows(followUpResponses, enrollmentId)).toBe(1);
  });

  it('links on from a passed competence check to the evaluation', async () => {
    const { enrollmentId } = await learnerAtCompetence(stack, 13);
    const passed = await postForm(
      `${stack.baseUrl}/learn/competence`,
      competenceForm(tokenFor(stack, 'competence', enrollmentId), 1, sampleAnswers()),
    );
    const next = /href="(\/learn\/evaluation\?t=[^"]+)"/.exec(passed.body)![1];
    await untilStage(stack, enrollmentId, 'evaluation');
    const page = await getPage(`${stack.baseUrl}${next}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Claim your credit');
    expect(linkFor(stack, 'evaluation', enrollmentId)).not.toContain('learner13');
  });
});

// The claim form decides with the learner's profession and credentials, and
// lets the learner correct them on the same signed link: no dead end. A
// pharmacist who lacks an NABP e-Profile ID adds it (with the birth MMDD) and
// claims ACPE credit; a learner who may claim no type gets a certificate of
// participation, stored, emailed and verifiable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleAnswers } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import { certificates, creditClaims } from '../../src/db/schema/index.js';
import { readProfile } from '../../src/enrollment/profile.js';
import { getPage, learnerAtCompetence, postForm, tokenFor, untilStage } from './journey.js';
import { mailArrives } from '../lifecycle/story.js';
import { pdfText } from './pdf-tools.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const evaluation = {
  'rating:0': '5',
  'rating:1': '4',
  'rating:2': '4',
  relevance: '5',
  bias: 'yes',
  commitment: 'Order toxin testing first.',
};

type LearnerOverrides = NonNullable<Parameters<typeof learnerAtCompetence>[2]>['learner'];

async function atClaim(n: number, learner: LearnerOverrides) {
  const { enrollmentId } = await learnerAtCompetence(stack, n, { learner });
  await postForm(`${stack.baseUrl}/learn/competence`, {
    t: tokenFor(stack, 'competence', enrollmentId),
    attempt: '1',
    ...Object.fromEntries(Object.entries(sampleAnswers()).map(([k, v]) => [`answer:${k}`, v])),
  });
  await untilStage(stack, enrollmentId, 'evaluation');
  return { enrollmentId, token: tokenFor(stack, 'evaluation', enrollmentId) };
}

const claimsOf = (enrollmentId: string) =>
  stack.db.select().from(creditClaims).where(eq(creditClaims.enrollmentId, enrollmentId));

/** The enrollment's first certificate, once issued. */
const certificateOf = (enrollmentId: string) =>
  eventually(async () => {
    const [row] = await stack.db
      .select()
      .from(certificates)
      .where(eq(certificates.enrollmentId, enrollmentId));
    if (!row) throw new Error('no certificate yet');
    return row;
  });

describe('the claim form with the learner’s profession and credentials', () => {
  it('lets a pharmacist without an e-Profile ID add it and claim ACPE credit on the same link', async () => {
    const { enrollmentId, token } = await atClaim(60, {
      profession: 'pharmacist',
      nabpEProfileId: undefined,
      birthMonthDay: undefined,
    });
    const url = `${stack.baseUrl}/learn/evaluation`;
    const form = await getPage(`${url}?t=${encodeURIComponent(token)}`);
    expect(form.body).toContain('Not available to you: ACPE credit needs your NABP e-Profile ID.');
    expect(form.body).toContain('AMA PRA Category 1 Credit™ is for physicians, not for a pharmacist');
    expect(form.body).toContain('name="nabpEProfileId"');

    // A wrong birth MMDD is refused by its field; nothing is stored or claimed.
    const updateDetails = (birthMonthDay: string) =>
      postForm(url, { t: token, action: 'profile', nabpEProfileId: '1234567', birthMonthDay });
    const wrong = await updateDetails('1399');
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatch(/id="birthMonthDay-err"[^>]*>[^<]*MMDD/);
    expect((await readProfile(stack.db, 'learner-60')).nabpEProfileId ?? null).toBeNull();

    // "Update my details": stored, and ACPE credit opens at once.
    const updated = await updateDetails('0415');
    expect(updated.status).toBe(200);
    expect(updated.body).toContain('Credits to claim (up to 1.5)');
    expect(updated.body).not.toContain('needs your NABP e-Profile ID');
    expect(await readProfile(stack.db, 'learner-60')).toMatchObject({
      nabpEProfileId: '1234567',
      birthMonthDay: '0415',
    });

    // The claim proceeds; the ACPE certificate carries the e-Profile ID.
    const saved = await postForm(url, { t: token, ...evaluation, 'credits:acpe': '1.5' });
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('your evaluation and claim are recorded');
    expect((await claimsOf(enrollmentId)).map((c) => [c.creditType, c.credits])).toEqual([['acpe', 1.5]]);
    const cert = await certificateOf(enrollmentId);
    expect(cert).toMatchObject({ creditType: 'acpe', nabpEProfileId: '1234567', reportedAt: null });
    const text = await pdfText(cert.pdf!);
    expect(text).toContain('1234567');
    expect(text).toMatch(/pending/i);
    expect(text).not.toMatch(/reported to CPE Monitor on/);
  });

  it('lets a learner correct the profession in the same post as the claim', async () => {
    // Recorded as "other" by the enrolling system; the learner is a physician.
    const { enrollmentId, token } = await atClaim(61, { profession: 'other' });
    const url = `${stack.baseUrl}/learn/evaluation`;
    const form = await getPage(`${url}?t=${encodeURIComponent(token)}`);
    expect(form.body).toContain('You will receive a certificate of participation');
    const saved = await postForm(url, {
      t: token,
      ...evaluation,
      profession: 'physician',
      'credits:ama_pra_1': '1.5',
    });
    expect(saved.status).toBe(200);
    expect((await claimsOf(enrollmentId)).map((c) => [c.creditType, c.credits])).toEqual([
      ['ama_pra_1', 1.5],
    ]);
    expect((await readProfile(stack.db, 'learner-61')).profession).toBe('physician');
  });

  it('gives a nurse a certificate of participation: stored, emailed and verifiable', async () => {
    const { enrollmentId, token } = await atClaim(62, { profession: 'nurse' });
    const url = `${stack.baseUrl}/learn/evaluation`;
    const form = await getPage(`${url}?t=${encodeURIComponent(token)}`);
    expect(form.body.replace(/\s+/g, ' ')).toContain('certificate of participation for 1.5 hours');
    // A credit line the nurse may not claim is refused by its field, naming the type.
    const refused = await postForm(url, { t: token, ...evaluation, 'credits:ama_pra_1': '1.5' });
    expect(refused.status).toBe(422);
    expect(await claimsOf(enrollmentId)).toEqual([]);

    const saved = await postForm(url, { t: token, ...evaluation });
    expect(saved.status).toBe(200);
    expect(saved.body).toContain('your evaluation and claim are recorded');
    // No credit claimed: no claim rows, one certificate of participation.
    expect(await claimsOf(enrollmentId)).toEqual([]);
    const cert = await certificateOf(enrollmentId);
    expect(cert).toMatchObject({ creditType: 'participation', credits: 1.5, status: 'valid' });
    const text = await pdfText(cert.pdf!);
    expect(text).toContain('Certificate of Participation');
    expect(text).toContain('1.5 hours of participation');
    expect(text).toContain('AMA PRA Category 1 Credit(s)™');

    const mail = await mailArrives(stack, 'learner62@example.org', 'Your certificate');
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${cert.number}.pdf`]);
    const verify = await getPage(`${stack.baseUrl}/verify/${cert.verificationCode}`);
    expect(verify.status).toBe(200);
    expect(verify.body).toContain(cert.number);
    expect(verify.body).toMatch(/participation/i);
  });
});

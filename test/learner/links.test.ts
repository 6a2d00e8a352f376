// Signed links: a learner follows a link from an email. A link that was
// tampered with, expired, meant for another page or cut short gets a plain
// page saying so, and (when we can tell whose it was) a "send me a new link"
// button that emails a fresh one once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';
import { signLinkToken } from '../../src/platform/links.js';
import { emailOutbox } from '../../src/db/schema/index.js';
import { eq } from 'drizzle-orm';
import { expectNoInternals, getPage, learnerAtCompetence, postForm, tokenFor } from './journey.js';

let stack: TestStack;
let enrollmentId: string;
let learner: { id: string; name: string; email: string };

beforeAll(async () => {
  stack = await startStack();
  ({ enrollmentId, learner } = await learnerAtCompetence(stack, 1));
});
afterAll(async () => {
  await stack?.close();
});

const page = (purpose: string, token: string) =>
  getPage(`${stack.baseUrl}/learn/${purpose}?t=${encodeURIComponent(token)}`);

describe('learner links', () => {
  it('opens the competence check from a valid link, without the learner in the URL', async () => {
    const token = tokenFor(stack, 'competence', enrollmentId);
    const res = await page('competence', token);
    expect(res.status).toBe(200);
    expect(res.body).toContain('Which test do you order first?');
    expect(res.body).toContain('<meta name="viewport"');
    for (const secret of [learner.email, learner.id, learner.name, enrollmentId])
      expect(token).not.toContain(secret);
  });

  it('refuses a tampered link (403) and cannot offer a new one: it cannot tell whose it was', async () => {
    const token = tokenFor(stack, 'competence', enrollmentId);
    const [payload, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${mac}`;
    const res = await page('competence', forged);
    expect(res.status).toBe(403);
    expect(res.body).toContain('This link has been changed');
    expect(res.body).not.toContain('Send me a new link');
    expect(res.body).not.toContain('Which test do you order first?');
    expectNoInternals(res.body);

    const resend = await postForm(`${stack.baseUrl}/learn/competence/new-link`, { t: forged });
    expect(resend.status).toBe(403);
    expect(resend.body).toContain('cannot tell who this link belongs to');
  });

  it('refuses an expired link (410) and emails a fresh one, once however often it is asked', async () => {
    const expired = signLinkToken(
      { sub: enrollmentId, purpose: 'competence', exp: Math.floor(Date.now() / 1000) - 60 },
      stack.config.LINK_SECRET,
    );
    const res = await page('competence', expired);
    expect(res.status).toBe(410);
    expect(res.body).toContain('This link has expired');
    expect(res.body).toContain('Send me a new link');
    expectNoInternals(res.body);

    const sent = await postForm(`${stack.baseUrl}/learn/competence/new-link`, { t: expired });
    expect(sent.status).toBe(200);
    expect(sent.body).toContain('Check your email');
    expect(sent.body).not.toContain(learner.email);
    const mail = await stack.capture.waitFor(
      (m) => m.subject.startsWith('Your new link') && m.to.includes(learner.email),
    );
    const fresh = /(http:\/\/[^\s"<>]+\/learn\/competence\?t=[^\s"<>]+)/.exec(mail.text)![1];
    const opened = await getPage(fresh);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Which test do you order first?');

    await postForm(`${stack.baseUrl}/learn/competence/new-link`, { t: expired });
    const rows = await stack.db.select().from(emailOutbox).where(eq(emailOutbox.kind, 'new_link'));
    expect(rows).toHaveLength(1);
  });

  it('refuses a link meant for another page (403) and points to the right one', async () => {
    const evaluationToken = tokenFor(stack, 'evaluation', enrollmentId);
    const res = await page('competence', evaluationToken);
    expect(res.status).toBe(403);
    expect(res.body).toContain('This link is for a different page');
    expect(res.body).toContain(`/learn/evaluation?t=${encodeURIComponent(evaluationToken)}`);
    expectNoInternals(res.body);
  });

  it('refuses a malformed or missing link (400) with a plain page', async () => {
    for (const url of [
      `${stack.baseUrl}/learn/competence?t=not-a-token`,
      `${stack.baseUrl}/learn/competence`,
      `${stack.baseUrl}/learn/competence?t=a.b.c`,
    ]) {
      const res = await getPage(url);
      expect(res.status, url).toBe(400);
      expect(res.body).toContain('This link is incomplete');
      expectNoInternals(res.body);
    }
    const unknown = await getPage(`${stack.baseUrl}/learn/nothing-here?t=x`);
    expect(unknown.status).toBe(404);
    expectNoInternals(unknown.body);
  });

  it('says so when a well-signed link names no enrollment, without failing', async () => {
    const res = await page(
      'competence',
      tokenFor(stack, 'competence', '11111111-1111-4111-8111-111111111111'),
    );
    expect(res.status).toBe(404);
    expectNoInternals(res.body);
  });
});

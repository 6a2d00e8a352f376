// A learner in a real browser (Debian's Chromium, phone-sized), acting only
// from the emails that arrived at the loopback SMTP server: the competence
// check, the evaluation and claim, the one-click follow-up with details, and
// the certificate download. A screenshot of each page goes to
// test-results/screenshots/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleLearner } from '../support/fixtures.js';
import { enroll, recordAttendance, recordPayment, saveActivity } from '../../src/enrollment/service.js';
import type { CapturedMail } from '../../src/platform/mail/capture.js';
import { pdfText } from '../learner/pdf-tools.js';

const SHOTS = join(process.cwd(), 'test-results', 'screenshots');
let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The first link in the email's HTML whose URL contains `part`. */
function linkIn(mail: CapturedMail, part: string): string {
  const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const found = hrefs.find((h) => h.includes(part));
  if (!found) throw new Error(`no link with ${part} in "${mail.subject}": ${hrefs.join(' ')}`);
  return found;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

it('takes a learner from the emailed links through competence, evaluation, claim, follow-up and certificate', async () => {
  const base = sampleActivity();
  const activityId = 'browser-journey';
  await saveActivity(stack.ctx, activityId, {
    ...base,
    // Long enough to answer the follow-up by hand; short enough for a test.
    policy: {
      ...base.policy,
      followUp: { enabled: true, delay: '2s', reminders: ['50s'], closeAfter: '60s' },
    },
  });
  const learner = sampleLearner(7);
  const { enrollmentId } = await enroll(stack.ctx, activityId, learner);
  await recordPayment(stack.ctx, enrollmentId, {
    amountCents: base.priceCents,
    currency: base.currency,
    reference: 'browser-pay-1',
    receivedAt: new Date().toISOString(),
  });
  // Attendance is only taken once payment has moved the enrollment on; retry until then.
  await expect
    .poll(
      async () =>
        recordAttendance(stack.ctx, enrollmentId, {
          eventKey: 'finished',
          minutes: 90,
          completed: true,
          recordedAt: new Date().toISOString(),
        }).then(
          () => true,
          () => false,
        ),
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);

  const mailTo = (subject: string) =>
    stack.capture.waitFor((m) => m.to.includes(learner.email) && m.subject.startsWith(subject), 60_000);

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  const page = await context.newPage();

  // 1. The competence check, from the invitation email.
  const invite = await mailTo('Your competence check');
  const competenceUrl = linkIn(invite, '/learn/competence?t=');
  for (const secret of [learner.email, learner.id, learner.name]) expect(competenceUrl).not.toContain(secret);
  await page.goto(competenceUrl);
  await expect.poll(() => page.title()).toContain('Competence check');
  await shot(page, '01-competence');
  await page
    .getByRole('group', { name: 'Question 1 (case)' })
    .getByLabel('Test for C. difficile toxin')
    .check();
  await page
    .getByRole('group', { name: 'Question 2 (case)' })
    .getByLabel('Test for C. difficile toxin')
    .check();
  // Keyboard: focus the third question's first option and move with the arrow keys.
  await page
    .getByRole('group', { name: 'Question 3 (case)' })
    .getByLabel('Test for C. difficile toxin')
    .focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.getByRole('button', { name: 'Submit answers' }).click();
  await page.getByText('You passed the competence check').waitFor();
  await shot(page, '02-competence-passed');

  // 2. Evaluation, commitment and claim.
  await page.getByRole('link', { name: 'Continue to the evaluation and credit claim' }).click();
  await page.getByRole('heading', { name: 'Evaluation and credit claim' }).waitFor();
  await shot(page, '03-evaluation');
  for (let i = 0; i < base.learningObjectives.length; i++) {
    await page
      .getByRole('group', { name: new RegExp(`objective met\\? “${base.learningObjectives[i]}”`) })
      .getByLabel('5')
      .check();
  }
  await page
    .getByRole('group', { name: 'How relevant was the activity to your practice?' })
    .getByLabel('4')
    .check();
  await page.getByLabel('Yes, free of commercial bias').check();
  await page
    .getByLabel(/What will you change in your practice/)
    .fill('Order the toxin test first <b>every time</b>');
  await page.getByRole('group', { name: 'AMA PRA Category 1 Credit™' }).getByRole('textbox').fill('2');
  await page.getByRole('button', { name: 'Submit evaluation and claim' }).click();
  await page.getByText(/At most 1.5 AMA PRA Category 1 Credit™ may be claimed/).waitFor();
  await shot(page, '04-claim-refused');
  await expect
    .poll(() => page.getByLabel(/What will you change/).inputValue())
    .toBe('Order the toxin test first <b>every time</b>');
  await page.getByRole('group', { name: 'AMA PRA Category 1 Credit™' }).getByRole('textbox').fill('1.5');
  await page.getByRole('button', { name: 'Submit evaluation and claim' }).click();
  await page.getByText('Thank you: your evaluation and claim are recorded').waitFor();
  await shot(page, '05-claimed');

  // 3. The follow-up: one click from the email, then details.
  const followUp = await mailTo('Did you make the change?');
  await page.goto(linkIn(followUp, 'implemented=partly'));
  await page.getByText('Thank you: your answer is recorded').waitFor();
  expect(await page.locator('blockquote').innerText()).toBe('Order the toxin test first <b>every time</b>');
  await shot(page, '06-follow-up-recorded');
  await page.getByLabel('Not enough time').check();
  await page
    .getByRole('group', { name: /How confident are you/ })
    .getByLabel('4')
    .check();
  await page.getByLabel('Comments').fill('Lab turnaround was the problem.');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByText('Thank you: your answers are saved').waitFor();
  await shot(page, '07-follow-up-details');

  // 4. The certificate, from the certificate email.
  const certificateMail = await mailTo('Your certificate');
  expect(certificateMail.attachments.map((a) => a.contentType)).toEqual(['application/pdf']);
  await page.goto(linkIn(certificateMail, '/learn/certificate?t='));
  await page.getByRole('heading', { name: 'Your certificates' }).waitFor();
  await shot(page, '08-certificates');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('link', { name: /Download certificate/ })
      .first()
      .click(),
  ]);
  const saved = join(process.cwd(), 'test-results', 'certificate.pdf');
  await download.saveAs(saved);
  const text = await pdfText(new Uint8Array(await readFile(saved)));
  expect(text).toContain(learner.name);
  expect(text).toContain('1.5 AMA PRA Category 1 Credits™');
  const verifyUrl = /Verify at: (\S+)/.exec(text)![1];
  await page.goto(verifyUrl);
  await page.getByText('Valid certificate.').waitFor();
  await shot(page, '09-verification');
  await context.close();
});

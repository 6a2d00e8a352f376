// The emails a learner gets outside the enrollment's own steps, read as
// delivered over SMTP: the new link (asked for on the link-problem page) and
// the corrected certificate (staff reissue). Both wear the branded layout of
// the certificate email, say until when (date, time and zone) their link
// works, and end with the provider's contact as the profile says it now; the
// corrected one says why it was corrected, a reason staff must give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { runCli } from '../support/cli.js';
import { certificateEvents, certificates, emailOutbox } from '../../src/db/schema/index.js';
import { signLinkToken } from '../../src/platform/links.js';
import { formatDateTime } from '../../src/platform/format.js';
import type { CapturedMail } from '../../src/platform/mail/capture.js';
import { postForm } from './journey.js';
import { seedCertificate } from './seed.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack?.close();
});

const LINK_EXPIRY_MS = 36 * 3600_000;
const policy = {
  credits: [{ type: 'ama_pra_1' as const, maxCredits: 3 }],
  windows: { linkExpiry: '36h' },
};

async function putProvider(postalAddress: string, contactEmail: string) {
  const res = await fetch(`${stack.baseUrl}/provider`, {
    method: 'PUT',
    headers: { ...stack.auth.staff, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Northwind Medical Education', contactEmail, postalAddress }),
  });
  expect(res.status).toBe(200);
}

/** The expiry as the email must print it: now + 36 h, to the minute (either side of a minute boundary). */
function expiryWindow(before: number, after: number): string[] {
  return [...new Set([before, after].map((t) => formatDateTime(new Date(t + LINK_EXPIRY_MS))))];
}

function expectBranded(mail: CapturedMail) {
  // The certificate email's header bar (provider name on the brand colour) and a phone-sized body.
  expect(mail.html).toMatch(/background:#1f4e79[^>]*>[\s\S]*?Northwind Medical Education/);
  expect(mail.html).toContain('name="viewport"');
  expect(mail.html).toContain('max-width:600px');
}

const expiredLink = (purpose: 'competence' | 'evaluation', sub: string) =>
  signLinkToken({ sub, purpose, exp: Math.floor(Date.now() / 1000) - 60 }, stack.config.LINK_SECRET);

async function askNewLink(purpose: 'competence' | 'evaluation', enrollmentId: string, to: string) {
  const before = Date.now();
  const res = await postForm(`${stack.baseUrl}/learn/${purpose}/new-link`, {
    t: expiredLink(purpose, enrollmentId),
  });
  const after = Date.now();
  expect(res.status).toBe(200);
  const mail = await stack.capture.waitFor(
    (m) =>
      m.subject.startsWith('Your new link') && m.to.includes(to) && m.text.includes(`/learn/${purpose}?`),
  );
  return { mail, expiries: expiryWindow(before, after) };
}

describe('the new-link email', () => {
  it('is branded, says when the link expires with time and zone, and carries the contact as it is now', async () => {
    const { enrollment, learnerId } = await seedCertificate(stack.db, { policy });
    const to = `${learnerId}@example.test`;
    await putProvider('1200 Harbor Way\nBoston, MA 02110', 'ce-office@northwind.example');

    const first = await askNewLink('competence', enrollment.id, to);
    expectBranded(first.mail);
    expect(first.mail.text).toMatch(/This link works until .+ at \d{1,2}:\d{2} [AP]M UTC\./);
    expect(first.expiries.some((e) => first.mail.text.includes(`works until ${e}.`))).toBe(true);
    expect(first.expiries.some((e) => first.mail.html.includes(e))).toBe(true);
    for (const part of [first.mail.text, first.mail.html]) {
      expect(part).toContain('1200 Harbor Way');
      expect(part).toContain('ce-office@northwind.example');
    }

    // Staff move office: the next email says so, with nothing redeployed.
    await putProvider('77 Summer Street\nCambridge, MA 02139', 'learners@northwind.example');
    const second = await askNewLink('evaluation', enrollment.id, to);
    for (const part of [second.mail.text, second.mail.html]) {
      expect(part).toContain('77 Summer Street');
      expect(part).toContain('Cambridge, MA 02139');
      expect(part).toContain('learners@northwind.example');
      expect(part).not.toContain('1200 Harbor Way');
      expect(part).not.toContain('ce-office@northwind.example');
    }
  });
});

describe('the corrected-certificate email', () => {
  const reissue = (number: string, body: unknown) =>
    fetch(`${stack.baseUrl}/certificates/${number}/reissue`, {
      method: 'POST',
      headers: { ...stack.auth.staff, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a reissue without a good reason, naming the field, and changes nothing', async () => {
    const { certificate } = await seedCertificate(stack.db, { learnerName: 'Jose Nunez', policy });
    for (const reason of [undefined, '', '   ', 'bad\u0000byte', 'x'.repeat(501)]) {
      const res = await reissue(certificate.number, { learnerName: 'José Núñez', reason });
      expect(res.status, JSON.stringify(reason)?.slice(0, 20)).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('reason');
    }
    // 10 MB is refused before it is read (the body limit).
    expect(
      (await reissue(certificate.number, { learnerName: 'J', reason: 'x'.repeat(10 << 20) })).status,
    ).toBe(413);
    const [still] = await stack.db.select().from(certificates).where(eq(certificates.id, certificate.id));
    expect(still).toMatchObject({ status: 'valid', learnerName: 'Jose Nunez' });
    const mails = await stack.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, 'certificate_reissue'));
    expect(mails.filter((m) => m.enrollmentId === certificate.enrollmentId)).toEqual([]);

    const cli = await runCli(
      stack.baseUrl,
      stack.config.STAFF_TOKEN,
      'certificate',
      'reissue',
      certificate.number,
      '--name',
      'José Núñez',
    );
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli.stderr).toContain('--reason');
  });

  it('says why it was corrected and when its link expires, and keeps the reason in the audit log', async () => {
    await putProvider('1200 Harbor Way\nBoston, MA 02110', 'ce-office@northwind.example');
    const { certificate, learnerId } = await seedCertificate(stack.db, { learnerName: 'Jose Nunez', policy });
    const reason = 'Accents missing from the name on the registration 🙂';
    const before = Date.now();
    const res = await reissue(certificate.number, { learnerName: 'José Núñez', reason });
    const after = Date.now();
    expect(res.status).toBe(201);
    const { certificate: current } = (await res.json()) as { certificate: { number: string } };

    const mail = await stack.capture.waitFor(
      (m) => m.subject.startsWith('Your corrected certificate') && m.to.includes(`${learnerId}@example.test`),
    );
    expectBranded(mail);
    expect(mail.text).toContain(`Why it was corrected: ${reason}`);
    expect(mail.html).toContain(reason);
    expect(mail.text).toContain(`Certificate: ${current.number}`);
    expect(mail.text).toContain(`Replaces: ${certificate.number} (no longer valid)`);
    expect(mail.text).toContain('Name on it: José Núñez');
    const expiries = expiryWindow(before, after);
    expect(expiries.some((e) => mail.text.includes(`works until ${e}.`))).toBe(true);
    expect(mail.text).toContain('1200 Harbor Way');
    expect(mail.text).toContain('ce-office@northwind.example');

    const log = await stack.db
      .select()
      .from(certificateEvents)
      .where(eq(certificateEvents.certificateId, certificate.id));
    expect(log.find((e) => e.action === 'reissued')?.reason).toContain(reason);
    const shown = await fetch(`${stack.baseUrl}/certificates/${current.number}`, {
      headers: stack.auth.staff,
    });
    const { events } = (await shown.json()) as { events: { action: string; reason: string }[] };
    expect(events.find((e) => e.action === 'issued')?.reason).toBe(
      `reissue of ${certificate.number} (revision 2): ${reason}`,
    );
  });
});

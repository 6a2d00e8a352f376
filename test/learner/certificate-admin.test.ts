// After issue: anyone can verify a certificate; CE staff reissue one with a
// corrected name (the old number is superseded, the new PDF emailed) or
// revoke it, from the CLI; each change shows on the public verification page
// and in the audit log. The learner's transcript counts current certificates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { runCli } from '../support/cli.js';
import { certificateEvents, certificates } from '../../src/db/schema/index.js';
import { verificationUrl } from '../../src/platform/links.js';
import { expectNoInternals, getPage, tokenFor } from './journey.js';
import { seedCertificate } from './seed.js';
import { pdfText } from './pdf-tools.js';
import type { Transcript } from '../../src/certificates/transcript.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack?.close();
});

const cli = (token: string, ...args: string[]) => runCli(stack.baseUrl, token, ...args);

const verify = (code: string) => getPage(verificationUrl(stack.baseUrl, code));

describe('certificate verification, reissue and revocation', () => {
  it('verifies, reissues with a corrected name, then revokes; the verification page follows each step', async () => {
    const { certificate: first, learnerId } = await seedCertificate(stack.db, {
      learnerName: 'Dr. Amara Okafr',
    });
    const [learnerEmail] = [`${learnerId}@example.test`];

    const valid = await verify(first.verificationCode);
    expect(valid.status).toBe(200);
    expect(valid.body).toContain('Valid certificate.');
    expect(valid.body).toContain('Dr. Amara Okafr');
    expect(valid.body).toContain('2.5 AMA PRA Category 1 Credit™');
    expect(valid.body).toContain(first.number);
    expect(valid.body).not.toContain(learnerEmail);

    const refused = await cli(
      stack.config.API_TOKEN,
      'certificate',
      'reissue',
      first.number,
      '--name',
      'X',
      '--reason',
      'typo',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('401');

    const reissued = await cli(
      stack.config.STAFF_TOKEN,
      'certificate',
      'reissue',
      first.number,
      '--name',
      'Dr. Amara Okafor',
      '--reason',
      'misspelt surname',
    );
    expect(reissued.stderr).toBe('');
    expect(reissued.code).toBe(0);
    const newNumber = /reissued \S+ as (\S+)/.exec(reissued.stdout)![1];
    const [second] = await stack.db.select().from(certificates).where(eq(certificates.number, newNumber));
    expect(second).toMatchObject({
      revision: 2,
      learnerName: 'Dr. Amara Okafor',
      status: 'valid',
      credits: 2.5,
    });

    const superseded = await verify(first.verificationCode);
    expect(superseded.body).toContain('Superseded.');
    expect(superseded.body).toContain(newNumber);
    const current = await verify(second.verificationCode);
    expect(current.body).toContain('Valid certificate.');
    expect(current.body).toContain('Dr. Amara Okafor');

    const mail = await stack.capture.waitFor((m) => m.subject.startsWith('Your corrected certificate'));
    expect(mail.to).toEqual([learnerEmail]);
    expect(mail.text).toContain('Why it was corrected: misspelt surname');
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${newNumber}.pdf`]);
    expect(await pdfText(new Uint8Array(mail.attachments[0].content))).toContain('Dr. Amara Okafor');

    const again = await cli(
      stack.config.STAFF_TOKEN,
      'certificate',
      'reissue',
      first.number,
      '--name',
      'Y',
      '--reason',
      'typo',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('409');

    const revoked = await cli(
      stack.config.STAFF_TOKEN,
      'certificate',
      'revoke',
      newNumber,
      '--reason',
      'attendance not verified',
    );
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked ${newNumber}`);
    const page = await verify(second.verificationCode);
    expect(page.body).toMatch(/Revoked<\/strong>\s+on \w+ \d{1,2}, \d{4}/);
    expectNoInternals(page.body);

    const shown = await cli(stack.config.STAFF_TOKEN, 'certificate', 'show', first.number);
    expect(shown.stdout).toContain(`superseded (superseded by ${newNumber})`);
    expect(shown.stdout).toMatch(
      /reissued by CE staff \(STAFF_TOKEN\) \(cli:\S+\): misspelt surname; name "Dr. Amara Okafr" corrected to "Dr. Amara Okafor"/,
    );

    const log = await stack.db
      .select()
      .from(certificateEvents)
      .where(eq(certificateEvents.certificateId, second.id));
    expect(log.map((e) => [e.action, e.reason])).toEqual([
      ['issued', `reissue of ${first.number} (revision 2): misspelt surname`],
      ['revoked', 'attendance not verified'],
    ]);

    const missing = await cli(stack.config.STAFF_TOKEN, 'certificate', 'revoke', newNumber);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--reason');
  });

  it('says "not found" for an unknown verification code, with a plain page', async () => {
    const res = await getPage(`${stack.baseUrl}/verify/NoSuchCode123456`);
    expect(res.status).toBe(404);
    expect(res.body).toContain('Certificate not found');
    expectNoInternals(res.body);
  });
});

describe('transcript', () => {
  it('lists current certificates with credit by type, as JSON, as a page and as a PDF', async () => {
    const { certificate, learnerId } = await seedCertificate(stack.db, { creditType: 'acpe', credits: 3 });
    const json = await fetch(`${stack.baseUrl}/learners/${learnerId}/transcript`, {
      headers: stack.auth.enrollment,
    });
    expect(json.status).toBe(200);
    const t = (await json.json()) as Transcript;
    expect(t.entries).toHaveLength(1);
    expect(t.entries[0]).toMatchObject({
      certificateNumber: certificate.number,
      creditType: 'acpe',
      credits: 3,
    });
    expect(t.totals).toEqual([{ creditType: 'acpe', creditLabel: 'ACPE contact hours', credits: 3 }]);

    expect((await fetch(`${stack.baseUrl}/learners/${learnerId}/transcript`)).status).toBe(401);
    expect(
      (await fetch(`${stack.baseUrl}/learners/nobody/transcript`, { headers: stack.auth.enrollment })).status,
    ).toBe(404);

    const token = tokenFor(stack, 'transcript', learnerId);
    const page = await getPage(`${stack.baseUrl}/learn/transcript?t=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('ACPE contact hours');
    expect(page.body).toContain(certificate.number);

    const pdf = await fetch(`${stack.baseUrl}/learn/transcript/pdf?t=${encodeURIComponent(token)}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('ACPE contact hours: 3');
    expect(text).toContain(certificate.number);
  });
});

// A real message through the pooled mailer to a loopback SMTP server, read
// back parsed; and the captured-mail pages npm start shows without SMTP_URL.
import { describe, it, expect, afterAll } from 'vitest';
import { startStack } from '../support/stack.js';

describe('mail over real SMTP', async () => {
  const stack = await startStack({ worker: false });
  afterAll(() => stack.close());

  const certificate = Buffer.from('%PDF-1.7\n% a certificate\n');

  it('delivers a message with its Message-ID and attachment', async () => {
    await stack.mailer.send({
      to: 'ada@example.org',
      subject: 'Your certificate for Antimicrobial stewardship',
      html: '<p>Dear Ada, <b>your certificate</b> is attached.</p>',
      text: 'Dear Ada, your certificate is attached.',
      messageId: '<certificate-e1-1@ce-outcomes.test>',
      attachments: [{ filename: 'certificate.pdf', content: certificate, contentType: 'application/pdf' }],
    });
    const mail = await stack.capture.waitFor((m) => m.to.includes('ada@example.org'), 10_000);
    expect(mail.subject).toBe('Your certificate for Antimicrobial stewardship');
    expect(mail.messageId).toBe('<certificate-e1-1@ce-outcomes.test>');
    expect(mail.from).toContain('ce@test.local');
    expect(mail.text).toContain('your certificate is attached');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('certificate.pdf');
    expect(mail.attachments[0].contentType).toBe('application/pdf');
    expect(mail.attachments[0].content.equals(certificate)).toBe(true);
  });

  it('lists captured mail newest first and shows each message and attachment', async () => {
    await stack.mailer.send({
      to: 'grace@example.org',
      subject: 'Competence check <open>',
      html: '<p>Please answer the <i>case vignettes</i>.</p>',
      text: 'Please answer the case vignettes.',
      messageId: '<competence-e2@ce-outcomes.test>',
    });
    await stack.capture.waitFor((m) => m.to.includes('grace@example.org'), 10_000);

    const list = (await (await fetch(`${stack.baseUrl}/mail.json`)).json()) as {
      id: number;
      subject: string;
      to: string[];
      attachments: { filename: string; size: number }[];
    }[];
    expect(list.map((m) => m.to[0])).toEqual(['grace@example.org', 'ada@example.org']);
    expect(list[1].attachments).toEqual([
      expect.objectContaining({ filename: 'certificate.pdf', size: certificate.length }),
    ]);

    const page = await fetch(`${stack.baseUrl}/mail`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // Subjects are escaped, and the newest comes first.
    expect(html).toContain('Competence check &lt;open&gt;');
    expect(html.indexOf('grace@example.org')).toBeLessThan(html.indexOf('ada@example.org'));
    expect(html).toContain(`href="/mail/${list[0].id}"`);

    const body = await fetch(`${stack.baseUrl}/mail/${list[0].id}`);
    expect(await body.text()).toContain('<i>case vignettes</i>');

    const pdf = await fetch(`${stack.baseUrl}/mail/${list[1].id}/attachments/0`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).equals(certificate)).toBe(true);

    const missing = await fetch(`${stack.baseUrl}/mail/9999`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/^id: /);
  });
});

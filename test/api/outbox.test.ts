// An email whose delivery is unknown after a crash ("unconfirmed") is never
// resent on its own: staff list it and resend it on purpose, once, with the
// original Message-ID.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { CeOutcomesApiError, createCeOutcomesClient } from '../../src/client/index.js';
import { emailOutbox } from '../../src/db/schema/index.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack?.close();
});

it('lists unconfirmed mail for staff and resends it once with the same Message-ID', async () => {
  const staff = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.STAFF_TOKEN });
  const lms = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
  // The state a crash between "handed to SMTP" and "recorded as sent" leaves behind.
  const [row] = await stack.db
    .insert(emailOutbox)
    .values({
      kind: 'receipt',
      dedupeKey: 'receipt:crash-test',
      toAddress: 'learner7@example.org',
      subject: 'Your receipt',
      html: '<p>Thank you</p>',
      text: 'Thank you',
      messageId: '<receipt.crash-test@ce-outcomes.test>',
      status: 'unconfirmed',
    })
    .returning();
  await stack.db.insert(emailOutbox).values({
    kind: 'receipt',
    dedupeKey: 'receipt:delivered',
    toAddress: 'learner8@example.org',
    subject: 'Your receipt',
    html: '<p>Thank you</p>',
    text: 'Thank you',
    messageId: '<receipt.delivered@ce-outcomes.test>',
    status: 'sent',
  });

  const refused = await lms.listOutbox().catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(CeOutcomesApiError);
  expect((refused as CeOutcomesApiError).status).toBe(401);

  const listed = await staff.listOutbox();
  expect(listed.emails.map((m) => m.id)).toEqual([row.id]);

  expect(await staff.resendEmail(row.id)).toEqual({ id: row.id, status: 'sent', messageId: row.messageId });
  const mail = await stack.capture.waitFor((m) => m.messageId === row.messageId);
  expect(mail.to).toEqual(['learner7@example.org']);
  const [after] = await stack.db.select().from(emailOutbox).where(eq(emailOutbox.id, row.id));
  expect(after.status).toBe('sent');
  expect(after.sentAt).toBeInstanceOf(Date);

  const again = (await staff.resendEmail(row.id).catch((e: unknown) => e)) as CeOutcomesApiError;
  expect(again.status).toBe(409);
  expect(again.message).toMatch(/emailId: the email is sent/);
  expect(stack.capture.messages.filter((m) => m.messageId === row.messageId)).toHaveLength(1);
  expect((await staff.listOutbox()).emails).toEqual([]);
});

// The credential reminders workflow with second-scale offsets: a credential
// whose cycle ends today gets a reminder with the gap, then stops once the
// requirement is met; another stops when the learner opts out. Real Temporal,
// PostgreSQL and SMTP. With RECORD_HISTORIES=1 the finished runs are written to
// test/histories/credential-reminders-*.json for the replay test (record only a
// new path; never re-record one to make a failing replay pass).
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { startStack, type TestStack } from '../support/stack.js';
import { createCeOutcomesClient } from '../../src/client/index.js';
import { remindersWorkflowId } from '../../src/maintenance/reminders.js';
import { isoDay } from '../../src/platform/format.js';

let stack: TestStack;
const today = isoDay(new Date());
const MLS = 'ascp_certification:MLS';
const CA = 'state_licence:CA:cls';

beforeAll(async () => {
  // Reminders at 2 s and 6 s from now: offsets counted back from the end of the cycle (the end of today).
  const toEnd = Math.floor((Date.parse(`${today}T00:00:00Z`) + 86_400_000 - Date.now()) / 1000);
  stack = await startStack({ env: { MAINTENANCE_REMINDERS: `${toEnd - 2}s,${toEnd - 6}s` } });
  const api = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
  await api.putActivity('remind-101', (await import('../support/fixtures.js')).sampleActivity());
  await api.enroll('remind-101', {
    learner: {
      id: 'remind-1',
      name: 'Kim Lee',
      email: 'kim@example.org',
      profession: 'laboratory_professional',
      credentials: [
        { kind: 'ascp_certification', subtype: 'MLS', identifier: 'A1' },
        { kind: 'state_licence', state: 'CA', subtype: 'cls', identifier: 'C1' },
      ],
    },
  });
});
afterAll(async () => {
  await stack?.close();
});

const call = (path: string, method: string, body: unknown, as: 'enrollment' | 'staff' = 'enrollment') =>
  fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...stack.auth[as], 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function outcome(key: string, name: string) {
  return finished(remindersWorkflowId('remind-1', key), `credential-reminders-${name}`);
}

async function finished(workflowId: string, name: string) {
  const handle = stack.client.workflow.getHandle(workflowId);
  const result: unknown = await handle.result();
  if (process.env.RECORD_HISTORIES)
    writeFileSync(
      new URL(`../histories/${name}.json`, import.meta.url),
      `${JSON.stringify(await handle.fetchHistory(), null, 1)}\n`,
    );
  return result;
}

describe('credential reminders', () => {
  it('emails the gap while unmet, and stops once the requirement is met', async () => {
    const started = await call(`/learners/remind-1/credentials/${MLS}/cycle`, 'PUT', { cycleEndsOn: today });
    expect(started.status).toBe(200);
    const mail = await stack.capture.waitFor((m) => m.subject.includes('ASCP BOC MLS'), 20_000);
    expect(mail.subject).toContain('0 days left');
    expect(mail.text).toContain('36 more points in total (0 of 36)');
    expect(mail.text).toContain('Ethics: 1 more (0 of 1)');
    expect(mail.text).toContain('/learn/maintenance/reminders');

    // Staff lower the requirement to what one entry meets; the entry wakes the workflow.
    const list = (await (
      await fetch(`${stack.baseUrl}/credential-requirements/ascp-mls`, { headers: stack.auth.staff })
    ).json()) as Record<string, unknown>;
    const { id: _id, ...definition } = list;
    expect(
      (
        await call(
          '/credential-requirements/ascp-mls',
          'PUT',
          { ...definition, total: 1, minimums: [] },
          'staff',
        )
      ).status,
    ).toBe(200);
    const doc = await PDFDocument.create();
    doc.addPage();
    const form = new FormData();
    for (const [k, v] of Object.entries({
      title: 'Lab safety',
      provider: 'ASCLS',
      completedOn: today,
      amount: '1',
      kind: 'course',
    }))
      form.append(k, v);
    form.append('evidence', new Blob([Buffer.from(await doc.save())]), 'c.pdf');
    const added = await fetch(`${stack.baseUrl}/learners/remind-1/ce-entries`, {
      method: 'POST',
      headers: stack.auth.enrollment,
      body: form,
    });
    expect(added.status).toBe(201);
    expect(await outcome(MLS, 'met')).toBe('met');
    const reminders = stack.capture.messages.filter((m) => m.subject.includes('ASCP BOC MLS'));
    expect(reminders.length).toBeLessThanOrEqual(2);
  });

  it('stops when the learner opts out, before the next reminder', async () => {
    await call(`/learners/remind-1/credentials/${CA}/cycle`, 'PUT', { cycleEndsOn: today });
    await stack.capture.waitFor((m) => m.subject.includes('CA Clinical Laboratory Scientist'), 20_000);
    expect(
      (await call(`/learners/remind-1/credentials/${CA}/reminders`, 'PUT', { enabled: false })).status,
    ).toBe(200);
    expect(await outcome(CA, 'opted-out')).toBe('opted_out');
  });

  it('has a sweep that starts reminders for credentials whose cycle came from the LMS', async () => {
    await stack.client.workflow.start('credentialSweepWorkflow', {
      workflowId: 'credential-sweep-test',
      taskQueue: stack.taskQueue,
      args: [{ reminders: ['30d'] }],
    });
    // Both credentials already have their workflow (started by the API above): none is new.
    expect(await finished('credential-sweep-test', 'credential-sweep')).toBe(0);
  });
});

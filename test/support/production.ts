// The production processes (src/main/api.ts, src/main/worker.ts) as children
// of a test, and a learner driven through the HTTP API as an LMS would: for
// tests that stop a server or kill a process under them.
import { expect } from 'vitest';
import { createCeOutcomesClient, type CeOutcomesClient } from '../../src/client/index.js';
import { loadConfig } from '../../src/config.js';
import { startEntry, type EntryProcess } from '../foundation/entry-process.js';
import { sampleActivity, sampleLearner } from './fixtures.js';
import { eventually } from './eventually.js';
import { policyWith } from '../lifecycle/story.js';

const defaults = loadConfig({});

/** Starts an entry and waits for its readiness line; fails with what it printed if it exits first. */
export async function startProcess(
  entry: 'src/main/api.ts' | 'src/main/worker.ts',
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<EntryProcess> {
  const p = startEntry(entry, env);
  const ready = entry.endsWith('api.ts') ? 'api: listening' : 'worker: polling';
  await eventually(
    () => {
      if (p.child.exitCode !== null) throw new Error(`${entry} exited: ${p.stderr()}`);
      return p.stdout().includes(ready);
    },
    timeoutMs,
    100,
  ).catch((err: unknown) => {
    p.child.kill('SIGKILL');
    throw err;
  });
  return p;
}

export function apiClient(baseUrl: string): CeOutcomesClient {
  return createCeOutcomesClient({ baseUrl, token: defaults.API_TOKEN, pendingRetryMs: 60_000 });
}

/** An enduring activity whose windows outlast the test (nothing closes on its own). */
export async function patientActivity(client: CeOutcomesClient, activityId: string): Promise<void> {
  await client.putActivity(
    activityId,
    sampleActivity({
      policy: policyWith({
        windows: { payment: '30m', completion: '30m', submission: '30m', linkExpiry: '1h' },
        followUp: { enabled: true, delay: '1h', reminders: [], closeAfter: '1h' },
      }),
    }),
  );
}

/** Enrolls learner n, pays and attends in full: the enrollment waits for the competence check. */
export async function toCompetence(client: CeOutcomesClient, activityId: string, n: number) {
  const learner = sampleLearner(n);
  const { enrollmentId } = await client.enroll(activityId, { learner });
  await client.recordPayment(enrollmentId, {
    amountCents: 2500,
    currency: 'USD',
    reference: `pay-${activityId}-${n}`,
  });
  await eventually(
    async () => (await client.getEnrollment(enrollmentId)).state.stage === 'attending',
    60_000,
  );
  await client.recordAttendance(enrollmentId, { eventKey: 'course', minutes: 90, completed: true });
  await eventually(
    async () => (await client.getEnrollment(enrollmentId)).state.stage === 'competence',
    60_000,
  );
  expect((await client.getEnrollment(enrollmentId)).state.competenceAttempts).toBe(0);
  return { enrollmentId, learner };
}

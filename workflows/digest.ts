// The committee digest, started by a Temporal Schedule (src/reports/digest/schedule.ts):
// each program with a committee gets one email listing the activities whose
// follow-up closed since its last digest.
import { proxyActivities } from '@temporalio/workflow';
import type { createDigestActivities, ProgramDigestResult } from '../activities/digest/index.js';

const { listDigestPrograms, sendProgramDigest } = proxyActivities<ReturnType<typeof createDigestActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
  },
});

export async function committeeDigestWorkflow(): Promise<ProgramDigestResult[]> {
  // Workflow time is fixed in history: every retry of a program's digest covers the same window.
  const until = new Date().toISOString();
  const results: ProgramDigestResult[] = [];
  for (const programId of await listDigestPrograms()) {
    results.push(await sendProgramDigest({ programId, until }));
  }
  return results;
}

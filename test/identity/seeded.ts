// A test stack (no worker) with one program and one activity with a small cohort, to review and report on.
import { startStack, type TestStack } from '../support/stack.js';
import { COHORT_SMALL, seedActivity, seedProgram } from '../reports/seed.js';

export async function stackWithActivity(env?: Record<string, string>): Promise<TestStack> {
  const stack = await startStack({ worker: false, env });
  await seedProgram(stack.db, 'cardio', 'Cardiology CME');
  await seedActivity(
    stack.db,
    { id: 'act-a', programId: 'cardio', startsAt: '2026-01-15T14:00:00Z' },
    COHORT_SMALL,
  );
  return stack;
}

// A learner certified for credit reported to a regulator: a new activity
// registered with the regulator (course or activity number), driven to the
// claim and claimed, so the claim step writes the ledger row.
import { expect } from 'vitest';
import type { TestStack } from '../support/stack.js';
import * as service from '../../src/enrollment/service.js';
import type { CreditType } from '../../src/domain/policy.js';
import { driveToClaim, enrollInNewActivity, policyWith } from '../lifecycle/story.js';

export async function claimReported(
  stack: TestStack,
  n: number,
  creditType: CreditType,
  register: Record<string, string>,
) {
  // Each credit type is claimed by someone who may claim it.
  const profession = (
    { ama_pra_1: 'physician', acpe: 'pharmacist', pace: 'laboratory_professional' } as const
  )[creditType];
  const e = await enrollInNewActivity(
    stack,
    n,
    { policy: policyWith({ credits: [{ type: creditType, maxCredits: 1.5 }] }) },
    { learner: { profession } },
  );
  const put = await fetch(`${stack.baseUrl}/reporting/activities/${e.activityId}`, {
    method: 'PUT',
    headers: { ...stack.auth.staff, 'content-type': 'application/json' },
    body: JSON.stringify(register),
  });
  expect(put.status).toBe(200);
  await driveToClaim(stack, e);
  await service.submitClaim(stack.ctx, e.enrollmentId, { claims: [{ creditType, credits: 1.5 }] });
  return e;
}

// Steps of an enrollment up to a learner page, through the same service the
// API uses, plus helpers to read learner pages as a browser would.
import { expect } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { sampleActivity, sampleLearner } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import {
  enroll,
  getEnrollment,
  recordAttendance,
  recordPayment,
  saveActivity,
} from '../../src/enrollment/service.js';
import { learnerLink, signLinkToken, type LinkPurpose } from '../../src/platform/links.js';
import type { EnrollmentStage } from '../../src/db/schema/index.js';
import type { PolicyInput } from '../../src/domain/policy.js';

let activityNo = 0;

/** A learner who enrolled, paid and completed the sample (enduring) activity: at the competence check. */
export async function learnerAtCompetence(
  stack: TestStack,
  n: number,
  opts: { policy?: Partial<PolicyInput>; learner?: Partial<ReturnType<typeof sampleLearner>> } = {},
) {
  const activityId = `learner-pages-${process.pid}-${++activityNo}`;
  const base = sampleActivity();
  await saveActivity(stack.ctx, activityId, {
    ...base,
    policy: { ...base.policy, ...opts.policy } as typeof base.policy,
  });
  const learner = { ...sampleLearner(n), ...opts.learner };
  const { enrollmentId } = await enroll(stack.ctx, activityId, learner);
  await recordPayment(stack.ctx, enrollmentId, {
    amountCents: base.priceCents,
    currency: base.currency,
    reference: `pay-${activityId}-${n}`,
    receivedAt: new Date().toISOString(),
  });
  await untilStage(stack, enrollmentId, 'attending');
  await recordAttendance(stack.ctx, enrollmentId, {
    eventKey: 'done',
    minutes: 90,
    completed: true,
    recordedAt: new Date().toISOString(),
  });
  await untilStage(stack, enrollmentId, 'competence');
  return { activityId, enrollmentId, learner };
}

export async function untilStage(stack: TestStack, enrollmentId: string, stage: EnrollmentStage) {
  return eventually(async () => {
    const e = await getEnrollment(stack.ctx, enrollmentId);
    return e.state.stage === stage ? e : undefined;
  });
}

export function tokenFor(stack: TestStack, purpose: LinkPurpose, sub: string, validSeconds = 3600): string {
  return signLinkToken(
    { sub, purpose, exp: Math.floor(Date.now() / 1000) + validSeconds },
    stack.config.LINK_SECRET,
  );
}

export function linkFor(
  stack: TestStack,
  purpose: LinkPurpose,
  sub: string,
  extra: Record<string, string> = {},
) {
  return learnerLink(stack.baseUrl, purpose, tokenFor(stack, purpose, sub), extra);
}

export async function getPage(url: string) {
  const res = await fetch(url, { redirect: 'manual' });
  const body = await res.text();
  return { status: res.status, body, type: res.headers.get('content-type') ?? '' };
}

export async function postForm(url: string, fields: Record<string, string | string[]>) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  const res = await fetch(url, { method: 'POST', body: form, redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}

/** A learner page never shows a stack trace or a raw error object. */
export function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(body).not.toMatch(/Error:|"error":|stack|undefined|\[object Object\]/);
  expect(body).toMatch(/^<!doctype html>/);
}

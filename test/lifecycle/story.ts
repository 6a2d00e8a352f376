// Helpers the lifecycle tests share: set up an activity, enroll a learner, wait
// for the workflow to get somewhere, read what arrived at the SMTP server.
import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { TestStack } from '../support/stack.js';
import { sampleActivity, sampleAnswers, sampleLearner } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import type { ActivityInput, PolicyInput } from '../../src/domain/policy.js';
import { samplePolicy } from '../support/fixtures.js';
import * as service from '../../src/enrollment/service.js';
import { emailOutbox, enrollments } from '../../src/db/schema/index.js';
import type { CapturedMail } from '../../src/platform/mail/capture.js';
import type { EnrollmentState } from '../../workflows/messages.js';
import { DomainError } from '../../src/domain/errors.js';
import { statusOf } from '../../src/http/errors.js';

let activityCounter = 0;

/** The sample policy with some parts replaced (e.g. a follow-up that waits longer). */
export function policyWith(overrides: Partial<PolicyInput>): PolicyInput {
  return { ...samplePolicy, ...overrides };
}

export interface Enrolled {
  activityId: string;
  enrollmentId: string;
  workflowId: string;
  learner: ReturnType<typeof sampleLearner>;
}

/** Saves a fresh activity and enrolls learner n in it. */
export async function enrollInNewActivity(
  stack: TestStack,
  n: number,
  activity: Partial<Omit<ActivityInput, 'policy'>> & { policy?: PolicyInput } = {},
  options: { feeWaiver?: string; learner?: Partial<ReturnType<typeof sampleLearner>> } = {},
): Promise<Enrolled> {
  const activityId = `act-${process.pid}-${++activityCounter}`;
  await service.saveActivity(stack.ctx, activityId, sampleActivity(activity));
  const learner = { ...sampleLearner(n), ...options.learner };
  const { enrollmentId, workflowId, created } = await service.enroll(stack.ctx, activityId, learner, {
    feeWaiver: options.feeWaiver,
  });
  expect(created).toBe(true);
  return { activityId, enrollmentId, workflowId, learner };
}

export async function stateOf(stack: TestStack, enrollmentId: string): Promise<EnrollmentState> {
  return (await service.getEnrollment(stack.ctx, enrollmentId)).state;
}

/** Waits until the workflow reports the stage (the query is the live state). */
export function reachStage(
  stack: TestStack,
  enrollmentId: string,
  stage: EnrollmentState['stage'],
  timeoutMs = 30_000,
): Promise<EnrollmentState> {
  return eventually<EnrollmentState>(
    async () => {
      const state = await stateOf(stack, enrollmentId);
      if (state.stage !== stage) throw new Error(`stage is ${state.stage}, waiting for ${stage}`);
      return state;
    },
    timeoutMs,
    100,
  );
}

/** The workflow's result: how the enrollment ended. */
export function outcomeOf(stack: TestStack, e: Enrolled): Promise<string> {
  return stack.client.workflow.getHandle(e.workflowId).result();
}

export async function enrollmentRow(stack: TestStack, enrollmentId: string) {
  const [row] = await stack.db.select().from(enrollments).where(eq(enrollments.id, enrollmentId));
  return row;
}

export async function outboxOf(stack: TestStack, enrollmentId: string) {
  return stack.db.select().from(emailOutbox).where(eq(emailOutbox.enrollmentId, enrollmentId));
}

/** Waits until every email queued for the enrollment has been handed to the SMTP server (or settled otherwise). */
export async function outboxDrained(stack: TestStack, enrollmentId: string): Promise<void> {
  await eventually(
    async () => {
      const rows = await outboxOf(stack, enrollmentId);
      if (rows.some((r) => r.status === 'pending' || r.status === 'sending'))
        throw new Error('mail still queued');
      return true;
    },
    20_000,
    50,
  );
}

export function mailsTo(stack: TestStack, address: string): CapturedMail[] {
  return stack.capture.messages.filter((m) => m.to.includes(address));
}

/** Waits for the email whose subject starts with `subject` to arrive for the address. */
export function mailArrives(stack: TestStack, address: string, subject: string, timeoutMs = 30_000) {
  return stack.capture.waitFor((m) => m.to.includes(address) && m.subject.startsWith(subject), timeoutMs);
}

/** The link behind an email button, by its purpose (and one-click answer). */
export function linkIn(mail: CapturedMail, purpose: string, implemented?: string): URL {
  const urls = [...mail.html.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1].replace(/&amp;/g, '&')));
  const url = urls.find(
    (u) =>
      u.pathname === `/learn/${purpose}` &&
      (implemented === undefined || u.searchParams.get('implemented') === implemented),
  );
  if (!url) throw new Error(`no /learn/${purpose} link in "${mail.subject}"`);
  return url;
}

/** What a refused call throws: the domain error, and the HTTP status the API answers it with. */
export async function refusal(
  call: Promise<unknown>,
): Promise<{ error: DomainError; status: number; message: string; details: unknown }> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  const error = err as DomainError;
  return { error, status: statusOf(error), message: error.message, details: error.details };
}

export const payment = (reference: string, amountCents = 2500) => ({
  amountCents,
  currency: 'USD',
  reference,
  receivedAt: new Date().toISOString(),
});

export const attended = (eventKey: string, minutes: number, completed = false) => ({
  eventKey,
  minutes,
  completed,
  recordedAt: new Date().toISOString(),
});

export const evaluation = (commitment = 'Order a C. difficile toxin test before any stool culture.') => ({
  objectiveRatings: [5, 4, 5],
  relevance: 5,
  freeOfCommercialBias: true,
  commitment,
});

/** Every payload in a workflow history, decoded: what Temporal stores about the learner. */
export function payloadsOf(history: unknown): string {
  const found: string[] = [];
  JSON.stringify(history, (key, value: unknown) => {
    if (key === 'data' && typeof value === 'string')
      found.push(Buffer.from(value, 'base64').toString('utf8'));
    if (value instanceof Uint8Array) found.push(Buffer.from(value).toString('utf8'));
    return value;
  });
  return found.join('\n');
}

// ---- driving an enrollment forward, stage by stage ----------------------------

export async function payAndAttend(stack: TestStack, e: Enrolled, minutes = 90): Promise<void> {
  await service.recordPayment(stack.ctx, e.enrollmentId, payment(`pay-${e.enrollmentId}`));
  await reachStage(stack, e.enrollmentId, 'attending');
  await service.recordAttendance(stack.ctx, e.enrollmentId, attended('whole-course', minutes, true));
}

export async function passCompetence(stack: TestStack, e: Enrolled): Promise<void> {
  await reachStage(stack, e.enrollmentId, 'competence');
  const result = await service.submitCompetence(stack.ctx, e.enrollmentId, { answers: sampleAnswers(0) });
  expect(result.passed).toBe(true);
}

/** Pays, attends `minutes`, passes the check and evaluates: the enrollment waits for a claim. */
export async function driveToClaim(stack: TestStack, e: Enrolled, minutes = 90): Promise<void> {
  await payAndAttend(stack, e, minutes);
  await passCompetence(stack, e);
  await reachStage(stack, e.enrollmentId, 'evaluation');
  await service.submitEvaluation(stack.ctx, e.enrollmentId, evaluation());
  await reachStage(stack, e.enrollmentId, 'claim');
}

/** All the way to the follow-up email (claims 1.5 AMA credits). */
export async function driveToFollowUp(stack: TestStack, e: Enrolled) {
  await driveToClaim(stack, e);
  await service.submitClaim(stack.ctx, e.enrollmentId, {
    claims: [{ creditType: 'ama_pra_1', credits: 1.5 }],
  });
  return mailArrives(stack, e.learner.email, 'Did you make the change?');
}

// Pharmacists' ACPE credit reaches CPE Monitor: the claim writes the ledger
// row, its workflow looks the UAN up, submits to a fake CPE Monitor on
// loopback, and handles each answer: accepted (the learner is told the
// "reported on" date); the e-Profile ID refused, corrected by the learner from
// the emailed link and accepted within the 60 days; a 5xx and a timeout
// retried; an unknown UAN held and staff told at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import { startFakeCpeMonitor, type FakeCpeMonitor } from '../fakes/cpe-monitor.js';
import * as service from '../../src/enrollment/service.js';
import { readProfile } from '../../src/enrollment/profile.js';
import { staffAddress } from '../../src/reporting/transports.js';
import { regulatorSubmissionEvents, regulatorSubmissions } from '../../src/db/schema/index.js';
import { isoDay } from '../../src/platform/format.js';
import {
  driveToClaim,
  enrollInNewActivity,
  linkIn,
  mailArrives,
  policyWith,
  type Enrolled,
} from '../lifecycle/story.js';

const UAN = '0001-0000-26-001-L01-P';
let stack: TestStack;
let fake: FakeCpeMonitor;

beforeAll(async () => {
  fake = await startFakeCpeMonitor({
    activities: { [UAN]: { title: 'C. difficile', releaseDate: '2020-01-01', expirationDate: '2099-12-31' } },
  });
  stack = await startStack({
    env: {
      CPE_MONITOR_URL: `${fake.url}/service/cpemonitorservice.asmx`,
      CPE_MONITOR_USERNAME: 'provider-user',
      CPE_MONITOR_PASSWORD: 'provider-secret',
      REPORTING_REQUEST_TIMEOUT: '1s',
      REPORTING_RETRY_MAX_INTERVAL: '2s',
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await fake?.close();
});

async function claimAcpe(n: number, learner: Record<string, unknown> = {}, uan = UAN): Promise<Enrolled> {
  const e = await enrollInNewActivity(
    stack,
    n,
    { policy: policyWith({ credits: [{ type: 'acpe', maxCredits: 1.5, uan }] }) },
    { learner: { profession: 'pharmacist', ...learner } },
  );
  await driveToClaim(stack, e);
  await service.submitClaim(stack.ctx, e.enrollmentId, { claims: [{ creditType: 'acpe', credits: 1.5 }] });
  return e;
}

async function submissionOf(e: Enrolled) {
  const [row] = await stack.db
    .select()
    .from(regulatorSubmissions)
    .where(eq(regulatorSubmissions.enrollmentId, e.enrollmentId));
  return row;
}

const statusBecomes = (e: Enrolled, status: string, timeoutMs = 30_000) =>
  eventually(
    async () => {
      const row = await submissionOf(e);
      if (row?.status !== status) throw new Error(`status ${row?.status}, waiting for ${status}`);
      return row;
    },
    timeoutMs,
    100,
  );

const eventsOf = async (id: string) =>
  (
    await stack.db
      .select()
      .from(regulatorSubmissionEvents)
      .where(eq(regulatorSubmissionEvents.submissionId, id))
      .orderBy(asc(regulatorSubmissionEvents.id))
  ).map((e) => `${e.action} (${e.actor})`);

/** Every submission's history begins so. */
const STARTED = ['recorded (claim step)', 'workflow started (dispatcher)'];

const submissionsFor = (epid: string) => fake.received.filter((r) => r.query.get('epid') === epid);

describe('CPE Monitor', () => {
  it('accepts a pharmacist’s credit within 60 days of completion; the learner is told the date', async () => {
    fake.data.profiles['100001'] = '0412';
    const e = await claimAcpe(1);
    const row = await statusBecomes(e, 'accepted');
    expect(row.dueAt!.getTime() - row.completedAt.getTime()).toBe(60 * 86_400_000);
    expect(row.attempts).toBe(1);
    const [sent] = submissionsFor('100001');
    expect(Object.fromEntries(sent.query)).toMatchObject({
      provider_number: '0001',
      epid: '100001',
      date_of_birth: '0412',
      uan: UAN,
      date_of_participation: isoDay(row.completedAt),
      participant_type: 'P',
      contact_hours: '1.5',
      action: 'I',
    });
    // The UAN was looked up before the first submission.
    expect(fake.received.length).toBeGreaterThan(0);
    const mail = await mailArrives(stack, e.learner.email, 'Reported to CPE Monitor');
    expect(mail.text).toMatch(/reported to CPE Monitor on \w+ \d+, \d{4}/);
    expect(await eventsOf(row.id)).toEqual([...STARTED, 'accepted (reporting workflow)']);
  });

  it('refuses an e-Profile ID that does not match; the learner corrects it from the emailed link and it is accepted', async () => {
    fake.data.profiles['100002'] = '0412';
    const e = await claimAcpe(2, { nabpEProfileId: '1000029' });
    const rejected = await statusBecomes(e, 'rejected');
    expect(rejected.rejectionKind).toBe('identity_mismatch');
    expect(rejected.rejectionMessage).toMatch(/e-Profile ID and date of birth/);
    const mail = await mailArrives(stack, e.learner.email, 'Please check your NABP e-Profile ID');
    const link = linkIn(mail, 'nabp_profile');
    const page = await fetch(`${stack.baseUrl}${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="1000029"');
    // A typo first: refused with the field named, nothing sent.
    const t = link.searchParams.get('t')!;
    const correct = (epid: string, birthMonthDay: string) =>
      fetch(`${stack.baseUrl}/learn/nabp_profile`, {
        method: 'POST',
        body: new URLSearchParams({ t, epid, birthMonthDay }),
      });
    const bad = await correct('12ab', '0412');
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('6 or 7 digits');
    const fixed = await correct('100002', '0412');
    expect(fixed.status).toBe(200);
    expect(await fixed.text()).toContain('we sent your credit again');
    const accepted = await statusBecomes(e, 'accepted');
    expect(accepted.revision).toBe(2);
    expect(accepted.acceptedAt!.getTime()).toBeLessThan(accepted.dueAt!.getTime());
    expect(submissionsFor('100002')).toHaveLength(1);
    expect(await eventsOf(accepted.id)).toEqual([
      ...STARTED,
      'rejected (reporting workflow)',
      'corrected (learner)',
      'accepted (reporting workflow)',
    ]);
    expect((await readProfile(stack.db, e.learner.id)).nabpEProfileId).toBe('100002');
  });

  it('retries a 5xx and a timeout with backoff, then the credit is accepted once', async () => {
    fake.data.profiles['100003'] = '0412';
    fake.fail('5xx', 'timeout');
    const e = await claimAcpe(3);
    const row = await statusBecomes(e, 'accepted', 45_000);
    expect(row.attempts).toBe(3);
    // The timed-out request never got through; the 5xx and the accepted one did.
    expect(submissionsFor('100003')).toHaveLength(2);
    expect(await eventsOf(row.id)).toEqual([
      ...STARTED,
      'attempt failed, to be retried (reporting workflow)',
      'attempt failed, to be retried (reporting workflow)',
      'accepted (reporting workflow)',
    ]);
  });

  it('holds an activity whose UAN CPE Monitor does not know, and tells staff at once', async () => {
    fake.data.profiles['100004'] = '0412';
    const e = await claimAcpe(4, {}, '0001-0000-26-999-L01-P');
    const held = await eventually(async () => {
      const row = await submissionOf(e);
      if (!row?.blockedReason) throw new Error('not held yet');
      return row;
    });
    expect(held.status).toBe('pending');
    expect(held.blockedReason).toMatch(/does not know UAN 0001-0000-26-999-L01-P/);
    const alert = await mailArrives(stack, staffAddress(stack.config), 'Reporting: UAN problem');
    expect(alert.text).toContain('0001-0000-26-999-L01-P');
    expect(submissionsFor('100004')).toHaveLength(0);
  });
});

// Florida licensees' hours reach CE Broker within 30 days and physicians'
// AMA credit reaches PARS, each through its fake web service on loopback; a
// licence CE Broker cannot find is corrected by staff and accepted; a
// submission past its deadline is marked late and stands out on the staff
// page, in the CSV and in the deadline alert; CPE Monitor's past 60 days is
// never sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import { startFakeCeBroker, type FakeCeBroker } from '../fakes/ce-broker.js';
import { startFakePars, type FakePars } from '../fakes/pars.js';
import { regulatorSubmissions } from '../../src/db/schema/index.js';
import { sendDeadlineAlert } from '../../src/reporting/alerts.js';
import { idempotencyKeyOf } from '../../src/reporting/ledger.js';
import { staffAddress } from '../../src/reporting/transports.js';
import type { CreditType } from '../../src/domain/policy.js';
import { claimReported } from './claimed.js';
import { mailArrives, type Enrolled } from '../lifecycle/story.js';

let stack: TestStack;
let ceBroker: FakeCeBroker;
let pars: FakePars;

beforeAll(async () => {
  ceBroker = await startFakeCeBroker({ providerId: '50-4242', uploadKey: 'UPLOADKEY', courses: ['777001'] });
  pars = await startFakePars({ username: 'pars-user', password: 'pars-secret', activities: ['202600017'] });
  stack = await startStack({
    env: {
      CE_BROKER_URL: `${ceBroker.url}/CEBrokerWebService.asmx/UploadXMLString`,
      CE_BROKER_PROVIDER_ID: '50-4242',
      CE_BROKER_UPLOAD_KEY: 'UPLOADKEY',
      PARS_URL: `${pars.url}/api`,
      PARS_PROVIDER_ID: '0004242',
      PARS_USERNAME: 'pars-user',
      PARS_PASSWORD: 'pars-secret',
      REPORTING_REQUEST_TIMEOUT: '1s',
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await ceBroker?.close();
  await pars?.close();
});

const staff = () => ({ ...stack.auth.staff, 'content-type': 'application/json' });

const claim = (n: number, creditType: CreditType, register: Record<string, string>) =>
  claimReported(stack, n, creditType, register);

const rowOf = async (e: Enrolled) =>
  (
    await stack.db
      .select()
      .from(regulatorSubmissions)
      .where(eq(regulatorSubmissions.enrollmentId, e.enrollmentId))
  )[0];
const statusBecomes = (e: Enrolled, status: string) =>
  eventually(async () => {
    const row = await rowOf(e);
    if (row?.status !== status) throw new Error(`status ${row?.status}, waiting for ${status}`);
    return row;
  });

/** A ledger row written by hand beside a certified enrollment, with the deadline a test needs. */
async function addRow(
  e: Enrolled,
  regulator: 'ce_broker' | 'cpe_monitor',
  payload: Record<string, unknown>,
  dueInMs: number,
) {
  const window = (regulator === 'ce_broker' ? 30 : 60) * 86_400_000;
  const [row] = await stack.db
    .insert(regulatorSubmissions)
    .values({
      enrollmentId: e.enrollmentId,
      activityId: e.activityId,
      regulator,
      creditType: regulator === 'ce_broker' ? 'pace' : 'acpe',
      payload,
      idempotencyKey: idempotencyKeyOf(regulator, e.enrollmentId, 1),
      completedAt: new Date(Date.now() - window + dueInMs),
      dueAt: new Date(Date.now() + dueInMs),
    })
    .returning();
  return row;
}
const rowById = async (id: string) =>
  (await stack.db.select().from(regulatorSubmissions).where(eq(regulatorSubmissions.id, id)))[0];

describe('CE Broker', () => {
  it('accepts a Florida licensee’s hours within 30 days of completion', async () => {
    ceBroker.data.licences.push('FL-1');
    const e = await claim(1, 'pace', { ceBrokerCourseId: '20-777001' });
    const row = await statusBecomes(e, 'accepted');
    expect(row.dueAt!.getTime() - row.completedAt.getTime()).toBe(30 * 86_400_000);
    const [sent] = ceBroker.received.filter((r) => r.body.includes('FL-1'));
    const xml = new URLSearchParams(sent.body).get('InXML')!;
    expect(xml).toContain('<rosters id_parent_provider="4242" upload_key="UPLOADKEY">');
    expect(xml).toContain('<id_course>777001</id_course>');
    expect(xml).toContain('<license>FL-1</license><cebroker_state>FL</cebroker_state>');
  });

  it('refuses a licence it cannot find; staff correct the number and it is accepted', async () => {
    ceBroker.data.licences.push('FL 55002');
    const e = await claim(2, 'pace', { ceBrokerCourseId: '20-777001' });
    const rejected = await statusBecomes(e, 'rejected');
    expect(rejected.rejectionKind).toBe('licence_not_found');
    const res = await fetch(`${stack.baseUrl}/reporting/submissions/${rejected.id}/correction`, {
      method: 'POST',
      headers: staff(),
      body: JSON.stringify({ licenceNumber: 'FL 55002', note: 'licence number from the DOH lookup' }),
    });
    expect(res.status).toBe(200);
    const accepted = await statusBecomes(e, 'accepted');
    expect(accepted.revision).toBe(2);
    expect(accepted.idempotencyKey).toBe(idempotencyKeyOf('ce_broker', e.enrollmentId, 2));
    const detail = (await (
      await fetch(`${stack.baseUrl}/reporting/submissions/${accepted.id}`, { headers: stack.auth.staff })
    ).json()) as { events: { action: string; actor: string; detail: Record<string, unknown> }[] };
    const correction = detail.events.find((ev) => ev.action === 'corrected')!;
    expect(correction.actor).toBe('staff');
    expect(correction.detail).toMatchObject({
      before: { licenceNumber: 'FL-2' },
      after: { licenceNumber: 'FL 55002' },
    });
  });

  it('refuses a correction with a NUL byte, a 10 MB string or an emoji, naming the field; nothing changes', async () => {
    const [row] = await stack.db.select().from(regulatorSubmissions).limit(1);
    for (const licenceNumber of ['FL\u0000 1', 'x'.repeat(10_000_000), 'FL 😀']) {
      const res = await fetch(`${stack.baseUrl}/reporting/submissions/${row.id}/correction`, {
        method: 'POST',
        headers: staff(),
        body: JSON.stringify({ licenceNumber }),
      });
      expect([400, 413]).toContain(res.status);
      if (res.status === 400)
        expect(((await res.json()) as { error: string }).error).toMatch(/licenceNumber/);
    }
    const bad = await fetch(`${stack.baseUrl}/reporting?dueBefore=9999-01-01`, { headers: stack.auth.staff });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/dueBefore/);
    expect(
      (await stack.db.select().from(regulatorSubmissions).where(eq(regulatorSubmissions.id, row.id)))[0],
    ).toEqual(row);
  });
});

describe('PARS', () => {
  it('accepts a physician’s completion, with PARS’s id for it', async () => {
    const e = await claim(3, 'ama_pra_1', { parsActivityId: '202600017' });
    const row = await statusBecomes(e, 'accepted');
    expect(row.confirmation).toMatch(/^\d+$/);
    expect(row.dueAt).toBeNull();
    const body = JSON.parse(pars.received.at(-1)!.body) as {
      ProviderId: string;
      Learner: { LicenseId: string };
    };
    expect(body).toMatchObject({
      ProviderId: '0004242',
      ActivityId: '202600017',
      Learner: { LicenseId: 'CA-3' },
    });
  });
});

describe('deadlines', () => {
  it('marks a submission still held at its deadline late; the page, the CSV and the alert show it', async () => {
    // Certified for another credit; then a Florida record whose 30 days end in 3 s, for an activity with no course number.
    const e = await claim(4, 'ama_pra_1', { parsActivityId: '202600017' });
    await statusBecomes(e, 'accepted');
    const row = await addRow(
      e,
      'ce_broker',
      {
        licenceNumber: 'FL-4',
        profession: 'CH',
        state: 'FL',
        firstName: 'Learner',
        lastName: '4',
        completedOn: '2026-01-01',
        hours: 1,
      },
      3000,
    );
    const late = await eventually(async () => {
      const now = await rowById(row.id);
      if (now.status !== 'late') throw new Error(`still ${now.status}`);
      return now;
    }, 20_000);
    expect(late.blockedReason).toMatch(/no CE Broker course number/);
    expect(late.lateAt!.getTime()).toBeGreaterThanOrEqual(row.dueAt!.getTime());

    const page = await fetch(`${stack.baseUrl}/reporting?regulator=ce_broker`, {
      headers: { ...stack.auth.staff, accept: 'text/html' },
    });
    const htmlText = await page.text();
    expect(htmlText).toMatch(/<tr class="late">[\s\S]*?LATE/);
    const csv = await (
      await fetch(`${stack.baseUrl}/reporting?format=csv&status=late`, { headers: stack.auth.staff })
    ).text();
    expect(csv.split('\r\n')[1]).toContain(`${row.id},ce_broker,`);
    expect(csv.split('\r\n')[1]).toContain(',late,true,');

    expect(await sendDeadlineAlert({ db: stack.db, config: stack.config }, new Date())).toBe(true);
    const alert = await mailArrives(
      stack,
      staffAddress(stack.config),
      'Reporting: 1 submission due within 7 days, 1 late',
    );
    expect(alert.text).toContain('[LATE]');
  });

  it('never sends CPE Monitor a record past its 60 days: it is late at once', async () => {
    const e = await claim(5, 'ama_pra_1', { parsActivityId: '202600017' });
    await statusBecomes(e, 'accepted');
    const row = await addRow(
      e,
      'cpe_monitor',
      {
        uan: '0001-0000-26-001-L01-P',
        providerNumber: '0001',
        epid: '100005',
        birthMonthDay: '0412',
        participationDate: '2026-01-01',
        participantType: 'P',
        contactHours: 1,
      },
      -86_400_000,
    );
    const handle = await eventually(async () => {
      const now = await rowById(row.id);
      if (!now.workflowId) throw new Error('not dispatched');
      return stack.client.workflow.getHandle(now.workflowId);
    });
    expect(await handle.result()).toBe('late');
    expect(await rowById(row.id)).toMatchObject({ status: 'late', attempts: 0 });
  });
});

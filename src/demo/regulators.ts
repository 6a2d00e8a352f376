// The demo's regulators: the fake CPE Monitor, CE Broker and PARS of test/fakes
// started as a child process (demo only; a checkout without test/ skips this),
// the running stack pointed at them (staff's transport settings) and the demo
// activity registered with them, then the activity's submissions followed
// until the fakes accepted them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ActivityInput, CeOutcomesClient, ReportingLedger } from '../client/index.js';
import { formatTable } from '../cli/table.js';

const SERVE = fileURLToPath(new URL('../../test/fakes/serve.ts', import.meta.url));
const CE_BROKER = { providerId: '50-1001', uploadKey: 'DEMO-UPLOAD-KEY', course: '900001' };
const LOGIN = { username: 'demo', password: 'demo-secret' };

type Urls = { cpeMonitor: string; ceBroker: string; pars: string };

export interface DemoRegulators {
  /**
   * Waits until every submission of the activity is settled (or `timeoutMs`), prints the counts;
   * true when every CPE Monitor and CE Broker submission was accepted.
   */
  followUp(timeoutMs: number): Promise<boolean>;
  /** Stops the fakes; regulators that were file-only before the demo are file-only again. */
  stop(): Promise<void>;
}

const day = (iso: string) => iso.slice(0, 10);
type Entry = ReportingLedger['submissions'][number];
/** Nothing more happens without a person: accepted, refused, or held for a missing detail. */
const settled = (s: Entry) => s.status === 'accepted' || s.status === 'rejected' || !!s.blockedReason;

function fakeData(activity: ActivityInput, parsActivityId: string) {
  const uans = (activity.policy.credits ?? []).flatMap((c) => {
    const uan = (c as { uan?: string }).uan;
    return uan ? [uan] : [];
  });
  const acpe = Object.fromEntries(
    uans.map((uan) => [
      uan,
      activity.format === 'live'
        ? { title: activity.title, liveDates: [day(activity.startsAt)] }
        : {
            title: activity.title,
            releaseDate: day(activity.startsAt),
            expirationDate: day(activity.endsAt),
          },
    ]),
  );
  return {
    // Learners' own e-Profile IDs and licences are the demo cohort's: the fakes take any well-formed one.
    cpeMonitor: { anyProfile: true, activities: acpe },
    ceBroker: { ...CE_BROKER, courses: [CE_BROKER.course], anyLicence: true },
    pars: { ...LOGIN, activities: [parsActivityId] },
  };
}

function startFakes(data: unknown): Promise<{ child: ChildProcess; urls: Urls }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, JSON.stringify(data)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // However the demo ends, the fakes end with it.
  process.once('exit', () => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fake regulators exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve({ child, urls: JSON.parse(line) as Urls }),
    );
  });
}

async function staffPut(baseUrl: string, token: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PUT ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
}

export async function startDemoRegulators(
  staff: CeOutcomesClient,
  stack: { baseUrl: string; staffToken: string },
  activityId: string,
  activity: ActivityInput,
  log: (line: string) => void,
): Promise<DemoRegulators | null> {
  if (!existsSync(SERVE)) {
    log('no test/fakes in this checkout: submissions stay in the batch files (file-only)');
    return null;
  }
  const parsActivityId = `DEMO-${activityId.replace(/[^A-Za-z0-9-]/g, '')}`.slice(0, 40);
  const { child, urls } = await startFakes(fakeData(activity, parsActivityId));
  const put = (path: string, body: unknown) => staffPut(stack.baseUrl, stack.staffToken, path, body);
  // Regulators the stack reached by file only go back to file only when the demo ends.
  const before = (await (
    await fetch(`${stack.baseUrl}/reporting/transports`, {
      headers: { authorization: `Bearer ${stack.staffToken}`, accept: 'application/json' },
    })
  ).json()) as { transports: { regulator: string; mode: string }[] };
  const fileOnly = before.transports.filter((t) => t.mode === 'file').map((t) => t.regulator);
  await put('/reporting/transports/cpe_monitor', {
    url: urls.cpeMonitor,
    username: LOGIN.username,
    secret: LOGIN.password,
  });
  await put('/reporting/transports/ce_broker', {
    url: urls.ceBroker,
    secret: CE_BROKER.uploadKey,
    providerId: CE_BROKER.providerId,
  });
  await put('/reporting/transports/pars', {
    url: urls.pars,
    username: LOGIN.username,
    secret: LOGIN.password,
    providerId: '0001001',
  });
  await put(`/reporting/activities/${encodeURIComponent(activityId)}`, {
    ceBrokerCourseId: `20-${CE_BROKER.course}`,
    parsActivityId,
  });
  log(
    `fake CPE Monitor, CE Broker and PARS on loopback; the stack reports to them (staff transport settings)`,
  );

  return {
    async followUp(timeoutMs) {
      const until = Date.now() + timeoutMs;
      let ledger: ReportingLedger;
      for (;;) {
        ledger = await staff.listReporting({ activity: activityId });
        if (ledger.submissions.every(settled) || Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 2000));
      }
      const counts = new Map<string, Map<string, number>>();
      for (const s of ledger.submissions) {
        const row = counts.get(s.regulator) ?? new Map<string, number>();
        const status = s.blockedReason
          ? `held: ${s.blockedReason}`
          : s.late
            ? `${s.status} (late)`
            : s.status;
        row.set(status, (row.get(status) ?? 0) + 1);
        counts.set(s.regulator, row);
      }
      console.log('\nCredit reported to the regulators (the fakes):');
      console.log(
        ledger.submissions.length
          ? formatTable(
              ['regulator', 'submissions', 'status'],
              [...counts].map(([r, byStatus]) => [
                r,
                String([...byStatus.values()].reduce((a, b) => a + b, 0)),
                [...byStatus].map(([s, n]) => `${s} ${n}`).join(', '),
              ]),
            )
          : '  no credit to report (no claim of ACPE, Florida or AMA PRA Category 1 credit)',
      );
      // Pharmacists' and Florida licensees' credit must reach the fakes; a record held for a
      // detail the learner never gave (a physician without a licence number for PARS) is shown.
      return ledger.submissions.every(
        (s) => s.status === 'accepted' || (s.regulator === 'pars' && settled(s)),
      );
    },
    async stop() {
      child.kill('SIGTERM');
      for (const regulator of fileOnly) await put(`/reporting/transports/${regulator}`, { url: null });
    },
  };
}

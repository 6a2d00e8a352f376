// An operator at a terminal: `npx ce-outcomes …` against the running API,
// doing what the LMS does, and getting one line and a non-zero exit when refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleLearner, samplePolicy } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';

const BIN = fileURLToPath(new URL('../../bin/ce-outcomes.js', import.meta.url));
let stack: TestStack;
let dir: string;

beforeAll(async () => {
  stack = await startStack();
  dir = mkdtempSync(join(tmpdir(), 'ceo-cli-'));
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, CE_OUTCOMES_URL: stack.baseUrl, CE_OUTCOMES_TOKEN: stack.config.API_TOKEN } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

it('lists the enrollment commands in help', async () => {
  const { code, stdout } = await cli('help');
  expect(code).toBe(0);
  for (const usage of [
    'activity put',
    'enroll <activityId>',
    'payment <enrollmentId>',
    'attendance',
    'withdraw',
    'enrollment <enrollmentId>',
  ])
    expect(stdout).toContain(usage);
});

it('creates an activity, enrolls, pays, records attendance and shows the stages', async () => {
  // Each command is a process start (a second or more on a busy machine): a payment window of minutes.
  const activity = sampleActivity({
    policy: { ...samplePolicy, windows: { ...samplePolicy.windows, payment: '2m' } },
  });
  const put = await cli('activity', 'put', 'cli-101', file('activity.json', activity));
  expect(put).toMatchObject({ code: 0, stdout: 'activity cli-101 created\n' });
  const show = await cli('activity', 'show', 'cli-101');
  expect(show.code).toBe(0);
  expect(JSON.parse(show.stdout)).toMatchObject({ id: 'cli-101', format: 'enduring' });

  const enroll = await cli('enroll', 'cli-101', file('learner.json', sampleLearner(1)));
  expect(enroll.code).toBe(0);
  const id = /enrollment ([0-9a-f-]{36})/.exec(enroll.stdout)?.[1];
  expect(enroll.stdout).toMatch(/^enrolled: enrollment /);
  expect(id).toBeDefined();
  expect((await cli('enroll', 'cli-101', join(dir, 'learner.json'))).stdout).toMatch(
    /^already enrolled: enrollment /,
  );

  expect(await cli('payment', id!, '2500', 'shop-77')).toMatchObject({ stderr: '', code: 0 });
  expect(await cli('attendance', id!, '90', '--completed', '--session', 'module-1')).toMatchObject({
    code: 0,
  });

  const shown = await eventually(
    async () => {
      const r = await cli('enrollment', id!);
      return /stage competence/.test(r.stdout) ? r : undefined;
    },
    30_000,
    500,
  ).then((r) => r!);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(/^stage\s+at$/m);
  expect(shown.stdout).toMatch(/^enrolled\s+\d{4}-\d\d-\d\dT/m);
  expect(shown.stdout).toMatch(/^attendance_completed\s+\d{4}-/m);

  const claimable = await cli('claimable', id!);
  expect(claimable.stdout).toMatch(/^ama_pra_1\s+1\.5\s+1\.5/m);
  // A physician: P.A.C.E. hours are not theirs, and the table says why; AMA hours count toward the licences held.
  expect(claimable.stdout).toMatch(
    /^pace\s+1\.5\s+0\s+P\.A\.C\.E\.® contact hours are for clinical laboratory personnel, not for a physician/m,
  );
  expect(claimable.stdout).toMatch(/California licence renewal/);
});

it('fails with one line and a non-zero exit when the API refuses or the arguments are wrong', async () => {
  const unknown = await cli('enroll', 'no-such-activity', file('learner2.json', sampleLearner(2)));
  expect(unknown.code).toBe(1);
  expect(unknown.stdout).toBe('');
  expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  expect(unknown.stderr).toMatch(/^ce-outcomes enroll: HTTP 404: .*no-such-activity/);

  const badNumber = await cli('payment', '00000000-0000-4000-8000-000000000000', 'ten', 'ref');
  expect(badNumber.code).toBe(1);
  expect(badNumber.stderr.trim()).toBe(
    'ce-outcomes payment: amountCents: expected a whole number, got "ten"',
  );

  const missingFile = await cli('activity', 'put', 'cli-102', join(dir, 'nope.json'));
  expect(missingFile.code).toBe(1);
  expect(missingFile.stderr.trim()).toMatch(/^ce-outcomes activity: cannot read .*nope\.json: ENOENT$/);

  const invalid = await cli(
    'activity',
    'put',
    'cli-103',
    file('bad.json', { ...sampleActivity(), endsAt: '2001-01-01T00:00:00Z' }),
  );
  expect(invalid.code).toBe(1);
  expect(invalid.stderr.trim()).toMatch(
    /^ce-outcomes activity: HTTP 400: body\.endsAt: must not be before startsAt$/,
  );

  // A port nothing listens on: the operator forgot to start the stack.
  const closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const down = await new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'enrollment', '00000000-0000-4000-8000-000000000000'],
      { env: { ...process.env, CE_OUTCOMES_URL: `http://127.0.0.1:${closedPort}`, CE_OUTCOMES_TOKEN: 'x' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
  expect(down.code).toBe(1);
  expect(down.stderr.trim()).toBe(
    `ce-outcomes enrollment: cannot reach http://127.0.0.1:${closedPort} (ECONNREFUSED)`,
  );
});

// Staff at a terminal: `ce-outcomes reporting list|retry|export` against the
// running API, with no regulator configured (file-only): the ledger with its
// deadline clock, a submission sent again (audited), the CE Broker batch file
// written to disk and marked uploaded; bad input is one line and exit 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { eventually } from '../support/eventually.js';
import { runCli } from '../support/cli.js';
import { regulatorSubmissionEvents, regulatorSubmissions } from '../../src/db/schema/index.js';
import { claimReported } from './claimed.js';

let stack: TestStack;
let dir: string;
let submissionId: string;
let activityId: string;

beforeAll(async () => {
  stack = await startStack();
  dir = mkdtempSync(join(tmpdir(), 'ceo-reporting-cli-'));
  const e = await claimReported(stack, 1, 'pace', { ceBrokerCourseId: '20-777001' });
  activityId = e.activityId;
  // Without CE Broker configured, the workflow leaves the record for the batch file.
  const row = await eventually(async () => {
    const [r] = await stack.db
      .select()
      .from(regulatorSubmissions)
      .where(eq(regulatorSubmissions.enrollmentId, e.enrollmentId));
    if (r?.transport !== 'file') throw new Error('not filed yet');
    return r;
  });
  submissionId = row.id;
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(stack, stack.config.STAFF_TOKEN, ...args);
const statusOf = async () =>
  (await stack.db.select().from(regulatorSubmissions).where(eq(regulatorSubmissions.id, submissionId)))[0];
const today = () => new Date().toISOString().slice(0, 10);

describe('ce-outcomes reporting', () => {
  it('list: the ledger filtered by regulator, with days left before the 30-day CE Broker deadline', async () => {
    const { code, stdout } = await cli('reporting', 'list', '--regulator', 'ce_broker');
    expect(code).toBe(0);
    const line = stdout.split('\n').find((l) => l.startsWith(submissionId))!;
    expect(line).toMatch(/ce_broker\s+pending\s+/);
    expect(line).toContain(activityId);
    expect(line).toMatch(/\((29|30) d left\)/);
    const none = await cli('reporting', 'list', '--regulator', 'pars');
    expect(none.stdout.trim()).toBe('no submission matches');
    const json = JSON.parse((await cli('reporting', 'list', '--json')).stdout);
    expect(json.submissions.map((s: { id: string }) => s.id)).toEqual([submissionId]);
  });

  it('list: a bad filter is one line naming it, exit 1', async () => {
    for (const [flag, value] of [
      ['--status', 'nonsense'],
      ['--due-before', '9999-01-01'],
      ['--activity', 'a\u0007b'],
    ]) {
      const r = await cli('reporting', 'list', flag, value);
      expect(r.code, flag).toBe(1);
      expect(r.stderr.trim().split('\n'), flag).toHaveLength(1);
      expect(r.stderr, flag).toMatch(flag === '--due-before' ? /dueBefore/ : new RegExp(flag.slice(2)));
    }
  });

  it('retry: sends it again and the ledger audits who asked', async () => {
    const r = await cli('reporting', 'retry', submissionId, '--note', 'course number fixed');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`submission ${submissionId}: pending, sent again`);
    const events = await stack.db
      .select()
      .from(regulatorSubmissionEvents)
      .where(eq(regulatorSubmissionEvents.submissionId, submissionId));
    expect(events.map((e) => e.action)).toContain('retry requested');
    const missing = await cli('reporting', 'retry', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/HTTP 404: submissionId: no submission/);
  });

  it('export: writes the CE Broker file (100-character records) and, with --uploaded, marks it submitted', async () => {
    await eventually(async () => {
      if ((await statusOf()).transport !== 'file') throw new Error('not filed again yet');
      return true;
    });
    const out = join(dir, 'ce-broker.txt');
    const r = await cli(
      'reporting',
      'export',
      'ce_broker',
      '--from',
      today(),
      '--to',
      today(),
      '--out',
      out,
      '--uploaded',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}: 1 record(s)`);
    expect(r.stdout).toContain('marked 1 record(s) uploaded');
    const records = readFileSync(out, 'ascii').split(/\r?\n/).filter(Boolean);
    expect(records.map((l) => l.length)).toEqual(records.map(() => 100));
    expect(records.map((l) => l[0])).toEqual(['1', '2', '3', '5', '6']);
    expect((await statusOf()).status).toBe('submitted');
  });

  it('export: a bad regulator, a missing or impossible period is one line, exit 1, nothing written', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['nowhere', '--from', today(), '--to', today()],
        /regulator: expected one of cpe_monitor, ce_broker, pars/,
      ],
      [['pars', '--from', today()], /--from and --to: the period is required/],
      [['pars', '--from', '9999-01-01', '--to', '9999-01-02'], /from/],
      [['pars', '--from', today(), '--to', '2001-01-01'], /to: must not be before from/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('reporting', 'export', ...args, '--out', join(dir, 'bad.txt'));
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(() => readFileSync(join(dir, 'bad.txt'))).toThrow();
  });
});

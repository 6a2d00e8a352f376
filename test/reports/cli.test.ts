// An operator prints the committee reports in a terminal: `ce-outcomes report …`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type TestStack } from '../support/stack.js';
import { COHORT_A, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  await seedProgram(stack.db, 'cardio', 'Cardiology CME');
  await seedActivity(
    stack.db,
    { id: 'act-a', programId: 'cardio', startsAt: '2026-01-15T14:00:00Z' },
    COHORT_A,
  );
  await seedActivity(
    stack.db,
    { id: 'act-small', programId: 'cardio', startsAt: '2026-02-15T14:00:00Z' },
    COHORT_SMALL,
  );
});
afterAll(async () => {
  await stack?.close();
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return as(stack.config.COMMITTEE_TOKEN, ...args);
}

function as(token: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [MAIN, ...args],
      {
        env: {
          ...process.env,
          CE_OUTCOMES_URL: stack.baseUrl,
          CE_OUTCOMES_TOKEN: token,
        },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('ce-outcomes report', () => {
  it('prints an activity report as a table with its verdicts and figures', async () => {
    const { code, stdout } = await cli('report', 'activity', 'act-a');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Competence pass rate \(eventually\)\s+87\.5%\s+>= 70%\s+8\s+Acceptable/);
    expect(stdout).toMatch(
      /Share perceiving commercial bias \(at most\)\s+14\.3%\s+<= 10%\s+7\s+Below threshold/,
    );
    expect(stdout).toContain('Follow-up: 5 of 7 answered (71.4%)');
    expect(stdout).toMatch(/Enrolled\s+10/);
    expect(stdout).toContain(
      'Disclosures: incomplete; 0 of 0 disclosed, 0 relationship(s) to decide, 0 relevant without mitigation',
    );
  });

  it('prints the CSV the API serves, and JSON', async () => {
    const csv = await cli('report', 'activity', 'act-a', '--format', 'csv');
    const served = await (
      await fetch(`${stack.baseUrl}/reports/activities/act-a?format=csv`, { headers: stack.auth.committee })
    ).text();
    expect(csv.stdout.trimEnd()).toBe(served.trimEnd());
    const json = await cli('report', 'activity', 'act-a', '--format', 'json');
    expect(JSON.parse(json.stdout).funnel.enrolled).toBe(10);
  });

  it('prints a program report for a period', async () => {
    const { code, stdout } = await cli(
      'report',
      'program',
      'cardio',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('activities starting 2026-01-01 to 2026-03-31');
    expect(stdout).toContain(
      'in 1 of 2 activities (50%; target 10%: met); 1 with too few responses to judge',
    );
  });

  it('fails with one line and a non-zero exit on bad input', async () => {
    const missing = await cli('report', 'program', 'cardio', '--from', '2026-01-01');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'ce-outcomes report: --to: required for a program report (YYYY-MM-DD)',
    );
    const unknown = await cli('report', 'activity', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('ce-outcomes report: HTTP 404: activityId: no activity "nope"');
    const format = await cli('report', 'activity', 'act-a', '--format', 'xml');
    expect(format.stderr.trim()).toBe('ce-outcomes report: --format: expected one of table, json, csv');
  });
});

describe('ce-outcomes for the CE office', () => {
  it('prints the yearly accreditation data as a table, and refuses a bad year', async () => {
    const { code, stdout } = await cli('report', 'annual', '2026');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Accreditation data 2026: 2 activities/);
    expect(stdout).toMatch(/act-a\s+2026-01-15/);
    const csv = await cli('report', 'annual', '2026', '--program', 'cardio', '--format', 'csv');
    const served = await (
      await fetch(`${stack.baseUrl}/reports/annual?year=2026&programId=cardio&format=csv`, {
        headers: stack.auth.committee,
      })
    ).text();
    expect(csv.stdout.trimEnd()).toBe(served.trimEnd());
    const bad = await cli('report', 'annual', '26');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('ce-outcomes report: year: expected a year like 2026, got "26"');
  });

  it('staff name a program and its digest recipients; the committee lists them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'program-')), 'program.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Cardiology CME 2026',
        committeeMembers: [{ name: 'Dr Lee', email: 'lee@example.org', role: 'chair' }],
        committeeEmails: ['lee@example.org'],
      }),
    );
    const refused = await cli('program', 'put', 'cardio', file);
    expect(refused.code).toBe(1);
    const put = await as(stack.config.STAFF_TOKEN, 'program', 'put', 'cardio', file);
    expect(put.stderr).toBe('');
    expect(put.stdout.trim()).toBe('program cardio updated');
    const listed = await cli('programs');
    expect(listed.stdout).toMatch(/cardio\s+Cardiology CME 2026\s+2\s+0\s+Dr Lee\s+lee@example\.org/);
    const none = await cli('actions');
    expect(none.stdout.trim()).toBe('no actions');
  });
});

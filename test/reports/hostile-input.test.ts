// What the probe sent the report routes: a date in year 9999, a program id with
// a quote and a line break (the CSV's Content-Disposition), and review text
// that a spreadsheet would run as a formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { stackWithActivity } from '../identity/seeded.js';
import { COHORT_SMALL, seedActivity, seedProgram } from './seed.js';

let stack: TestStack;
const ODD = 'cardio "2026"\r\nx';

beforeAll(async () => {
  stack = await stackWithActivity();
  await seedProgram(stack.db, ODD, 'Odd program');
  await seedActivity(
    stack.db,
    { id: 'act-odd', programId: ODD, startsAt: '2026-02-01T14:00:00Z' },
    COHORT_SMALL,
  );
});
afterAll(async () => {
  await stack?.close();
});

const get = (path: string) => fetch(`${stack.baseUrl}${path}`, { headers: stack.auth.committee });
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('report routes under hostile input', () => {
  it('refuses dates outside 1900..2199 with a 400 naming the field', async () => {
    const far = await get('/reports/programs/cardio?to=9999-12-31');
    expect(far.status).toBe(400);
    expect(await errorOf(far)).toMatch(/^query\.to: must be from 1900-01-01 to 2199-12-31/);
    const review = await fetch(`${stack.baseUrl}/reports/activities/act-a/reviews`, {
      method: 'POST',
      headers: { ...stack.auth.committee, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'acceptable', reviewers: ['A'], reviewedOn: '9999-01-01' }),
    });
    expect(review.status).toBe(400);
    expect(await errorOf(review)).toMatch(/^body\.reviewedOn: must be from/);
  });

  it('names the CSV download safely (RFC 6266) and writes formula-like text as text', async () => {
    const saved = await fetch(`${stack.baseUrl}/reports/activities/act-odd/reviews`, {
      method: 'POST',
      headers: { ...stack.auth.committee, 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: 'changes_required',
        changes: '-1+HYPERLINK("http://evil.example","click")',
        reviewers: ['=cmd|/C calc!A0'],
        reviewedOn: '2026-03-01',
      }),
    });
    expect(saved.status).toBe(201);
    const csv = await get(
      `/reports/programs/${encodeURIComponent(ODD)}?from=2026-01-01&to=2026-06-30&format=csv`,
    );
    expect(csv.status).toBe(200);
    const disposition = csv.headers.get('content-disposition')!;
    expect(disposition).toMatch(
      /^attachment; filename="program-cardio \\"2026\\"\?\?x-2026-01-01-2026-06-30\.csv"; filename\*=UTF-8''program-cardio%20%222026%22%0D%0Ax-2026-01-01-2026-06-30\.csv$/,
    );
    const activity = await (await get('/reports/activities/act-odd?format=csv')).text();
    expect(activity).toContain(
      `review,2026-03-01,changes,"'-1+HYPERLINK(""http://evil.example"",""click"")"`,
    );
    expect(activity).toContain(`review,2026-03-01,reviewers,'=cmd|/C calc!A0`);
  });
});

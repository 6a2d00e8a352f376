// The committee reads the reports over HTTP: the same figures as JSON, CSV and
// HTML; records a review that later reports show; staff chase non-respondents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';
import { COHORT_A, COHORT_SILENT, COHORT_SMALL, seedActivity, seedProgram } from './seed.js';
import type { ActivityReport, ProgramReport } from '../../src/reports/schemas.js';
import { pct } from '../../src/platform/format.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  const db = stack.db;
  await seedProgram(db, 'cardio', 'Cardiology CME');
  await seedActivity(db, { id: 'act-a', programId: 'cardio', startsAt: '2026-01-15T14:00:00Z' }, COHORT_A);
  await seedActivity(
    db,
    { id: 'act-small', programId: 'cardio', startsAt: '2026-01-20T14:00:00Z' },
    COHORT_SMALL,
  );
  await seedActivity(
    db,
    { id: 'act-silent', programId: 'cardio', startsAt: '2026-02-10T14:00:00Z' },
    COHORT_SILENT,
  );
  await seedActivity(db, { id: 'act-empty', programId: 'elsewhere', startsAt: '2026-03-01T14:00:00Z' }, []);
  // Outside the period the committee asks about.
  await seedActivity(
    db,
    { id: 'act-april', programId: 'cardio', startsAt: '2026-04-02T14:00:00Z' },
    COHORT_SMALL,
  );
});
afterAll(async () => {
  await stack?.close();
});

const get = (path: string, headers: Record<string, string> = stack.auth.committee) =>
  fetch(`${stack.baseUrl}${path}`, { headers, redirect: 'manual' });

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

/** CSV → rows of cells (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  return rows;
}

describe('activity report over HTTP', () => {
  it('needs the committee or staff token: 401 without, JSON with', async () => {
    const none = await get('/reports/activities/act-a', {});
    expect(none.status).toBe(401);
    expect(await errorOf(none)).toMatch(/authorization/);
    const wrong = await get('/reports/activities/act-a', {
      authorization: `Bearer ${stack.config.API_TOKEN}`,
    });
    expect(wrong.status).toBe(401);
    const staff = await get('/reports/activities/act-a', stack.auth.staff);
    expect(staff.status).toBe(200);
    const json = (await (await get('/reports/activities/act-a')).json()) as ActivityReport;
    expect(json.funnel.enrolled).toBe(10);
    expect(json.performance.responseRate).toBe(0.7143);
  });

  it('CSV carries the same numbers as the JSON', async () => {
    const json = (await (await get('/reports/activities/act-a?format=json')).json()) as ActivityReport;
    const res = await get('/reports/activities/act-a?format=csv');
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['section', 'subject', 'measure', 'value']);
    const value = (section: string, subject: string, measure: string) => {
      const found = rows.find((r) => r[0] === section && r[1] === subject && r[2] === measure);
      if (!found) throw new Error(`no CSV row ${section}/${subject}/${measure}`);
      return found[3];
    };
    for (const [k, v] of Object.entries(json.funnel)) expect(value('funnel', '', k)).toBe(String(v));
    for (const [k, v] of Object.entries(json.competence))
      expect(value('competence', '', k)).toBe(String(v ?? ''));
    for (const [k, v] of Object.entries(json.evaluation))
      expect(value('evaluation', '', k)).toBe(String(v ?? ''));
    for (const [k, v] of Object.entries(json.performance))
      expect(value('performance', '', k)).toBe(String(v ?? ''));
    for (const i of json.competenceDetail.items) {
      expect(value('item', i.itemId, 'difficulty')).toBe(String(i.difficulty));
      expect(value('item', i.itemId, 'discrimination')).toBe(String(i.discrimination));
    }
    for (const v of json.acceptability) {
      expect(value('acceptability', v.measure, 'value')).toBe(String(v.value ?? ''));
      expect(value('acceptability', v.measure, 'verdict')).toBe(v.verdict);
    }
    expect(value('barrier', 'time', 'count')).toBe('3');
    expect(value('credits', 'ama_pra_1', 'totalClaimed')).toBe('11.25');
  });

  it('HTML shows the same figures, with SVG charts that have titles, and no names or emails', async () => {
    const json = (await (await get('/reports/activities/act-a?format=json')).json()) as ActivityReport;
    const res = await get('/reports/activities/act-a', { ...stack.auth.committee, accept: 'text/html' });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const v of json.acceptability) {
      const shown = v.measure.endsWith('Mean')
        ? String(Math.round((v.value ?? 0) * 100) / 100)
        : pct(v.value);
      expect(html).toContain(`data-measure="${v.measure}">${shown}</td>`);
    }
    expect(html).toContain('<svg');
    expect(html).toMatch(/<title id="chart-\d+-t">Participation funnel<\/title>/);
    expect(html).toContain('<span class="verdict v-below_threshold">Below threshold</span>'); // commercial bias
    const small = await (
      await get('/reports/activities/act-small', { ...stack.auth.committee, accept: 'text/html' })
    ).text();
    expect(small).toContain('<span class="verdict v-too_few_responses">Too few responses to judge</span>');
    expect(html).not.toMatch(/Learner act-a|@example\.test/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|www\.w3\.org)/); // nothing loaded from elsewhere
  });

  it('accepts the token as ?token= and sends a browser without one to the sign-in form, which sets a cookie', async () => {
    const viaQuery = await get(
      `/reports/activities/act-a?format=json&token=${stack.config.COMMITTEE_TOKEN}`,
      {},
    );
    expect(viaQuery.status).toBe(200);

    const browser = await get('/reports/activities/act-a', { accept: 'text/html' });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe('/reports/login?next=%2Freports%2Factivities%2Fact-a');

    const bad = await fetch(`${stack.baseUrl}/reports/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'not-the-token', next: '/reports/activities/act-a' }),
      redirect: 'manual',
    });
    expect(bad.status).toBe(401);

    const login = await fetch(`${stack.baseUrl}/reports/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: stack.config.COMMITTEE_TOKEN, next: '/reports/activities/act-a' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/reports/activities/act-a');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    const page = await get('/reports/activities/act-a', {
      accept: 'text/html',
      cookie: setCookie.split(';')[0],
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Outcome report: Activity act-a');
  });

  it('lists follow-up non-respondents with contact details to staff only', async () => {
    const committee = await get('/reports/activities/act-a/non-respondents');
    expect(committee.status).toBe(401);
    const res = await get('/reports/activities/act-a/non-respondents', stack.auth.staff);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { name: string; email: string; remindersSent: number }[];
    expect(list.map((l) => [l.name, l.email, l.remindersSent])).toEqual([
      ['Learner act-a 4', 'learner4.act-a@example.test', 2],
      ['Learner act-a 8', 'learner8.act-a@example.test', 2],
    ]);
  });

  it('renders an activity nobody enrolled in: zeros, nothing judged, every form', async () => {
    const json = (await (await get('/reports/activities/act-empty?format=json')).json()) as ActivityReport;
    expect(json.funnel.enrolled).toBe(0);
    expect(json.competence.meanScore).toBeNull();
    expect(json.acceptability.every((v) => v.verdict === 'too_few_responses' && v.n === 0)).toBe(true);
    const html = await get('/reports/activities/act-empty', { ...stack.auth.committee, accept: 'text/html' });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('data-measure="competencePassRate">—</td>');
    expect((await get('/reports/activities/act-empty?format=csv')).status).toBe(200);
    const program = await get('/reports/programs/elsewhere?from=2026-01-01&to=2026-12-31', {
      ...stack.auth.committee,
      accept: 'text/html',
    });
    expect(program.status).toBe(200);
  });

  it('404s an unknown activity, naming it', async () => {
    const res = await get('/reports/activities/nope?format=json');
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatch(/activityId: no activity "nope"/);
  });
});

describe('committee review', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...stack.auth.committee, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a review with a bad field, naming it', async () => {
    const cases: [unknown, RegExp][] = [
      [{ decision: 'maybe', reviewers: ['Dr A'], reviewedOn: '2026-05-01' }, /body\.decision/],
      [{ decision: 'acceptable', reviewers: [], reviewedOn: '2026-05-01' }, /body\.reviewers/],
      [{ decision: 'acceptable', reviewers: ['Dr A'], reviewedOn: 'May 1st' }, /body\.reviewedOn/],
      [{ decision: 'changes_required', reviewers: ['Dr A'], reviewedOn: '2026-05-01' }, /body\.changes/],
    ];
    for (const [body, message] of cases) {
      const res = await post('/reports/activities/act-a/reviews', body);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatch(message);
    }
    const unknown = await post('/reports/activities/nope/reviews', {
      decision: 'acceptable',
      reviewers: ['Dr A'],
      reviewedOn: '2026-05-01',
    });
    expect(unknown.status).toBe(404);
  });

  it('records a review that later reports of the activity show (JSON, CSV, HTML)', async () => {
    const res = await post('/reports/activities/act-a/reviews', {
      decision: 'changes_required',
      changes: 'Disclose all sponsors on the first slide',
      reviewers: ['Dr Adams', 'Dr Baker'],
      reviewedOn: '2026-05-04',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      activityId: 'act-a',
      programId: 'cardio',
      decision: 'changes_required',
    });

    const json = (await (await get('/reports/activities/act-a?format=json')).json()) as ActivityReport;
    expect(json.reviews).toEqual([
      expect.objectContaining({
        decision: 'changes_required',
        changes: 'Disclose all sponsors on the first slide',
        reviewers: ['Dr Adams', 'Dr Baker'],
        reviewedOn: '2026-05-04',
      }),
    ]);
    const csv = await (await get('/reports/activities/act-a?format=csv')).text();
    expect(csv).toContain('review,2026-05-04,decision,changes_required');
    const html = await (
      await get('/reports/activities/act-a', { ...stack.auth.committee, accept: 'text/html' })
    ).text();
    expect(html).toContain('Disclose all sponsors on the first slide');
    expect(html).toContain('Dr Adams, Dr Baker');

    // The HTML form posts urlencoded with reviewers in one field, and comes back to the report.
    const form = await fetch(`${stack.baseUrl}/reports/activities/act-a/reviews`, {
      method: 'POST',
      headers: { ...stack.auth.committee, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        decision: 'acceptable',
        changes: '',
        reviewers: 'Dr C, Dr D',
        reviewedOn: '2026-06-01',
      }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    const later = (await (await get('/reports/activities/act-a?format=json')).json()) as ActivityReport;
    expect(later.reviews.map((r) => [r.reviewedOn, r.decision, r.reviewers])).toEqual([
      ['2026-06-01', 'acceptable', ['Dr C', 'Dr D']],
      ['2026-05-04', 'changes_required', ['Dr Adams', 'Dr Baker']],
    ]);
  });
});

describe('program report', () => {
  it('puts the period’s activities side by side, with the trend by month and the commendation figure', async () => {
    const res = await get('/reports/programs/cardio?from=2026-01-01&to=2026-03-31&format=json');
    expect(res.status).toBe(200);
    const r = (await res.json()) as ProgramReport;
    expect(r.program).toEqual({ id: 'cardio', name: 'Cardiology CME' });
    expect(r.activities.map((a) => a.activity.id)).toEqual(['act-a', 'act-small', 'act-silent']);
    expect(r.activities.map((a) => a.performance.mostImplemented)).toEqual([true, null, null]);
    expect(r.commendation).toMatchObject({
      activities: 3,
      judged: 1,
      tooFewResponses: 2,
      mostImplemented: 1,
      share: 0.3333,
      target: 0.1,
      meetsTarget: true,
    });
    // Totals are sums of counts: 10 + 3 + 6 enrolled; follow-up answered 5 + 2 + 0 of 7 + 2 + 6 sent.
    expect(r.totals.funnel.enrolled).toBe(19);
    expect(r.totals.performance).toMatchObject({ sent: 15, answered: 7, responseRate: 0.4667 });
    expect(r.trend).toEqual([
      {
        month: '2026-01',
        activities: 2,
        enrolled: 13,
        competencePassRate: 0.8182, // (7 + 2) / (8 + 3)
        objectivesMean: 4.1667, // (57 + 18) / (14 + 4)
        responseRate: 0.7778, // 7 / 9
        implementedShare: 0.8571, // 6 / 7
      },
      {
        month: '2026-02',
        activities: 1,
        enrolled: 6,
        competencePassRate: 1,
        objectivesMean: 4,
        responseRate: 0,
        implementedShare: null,
      },
    ]);
  });

  it('CSV has one line per activity and a totals line with the JSON’s numbers', async () => {
    const json = (await (
      await get('/reports/programs/cardio?from=2026-01-01&to=2026-03-31&format=json')
    ).json()) as ProgramReport;
    const rows = parseCsv(
      await (await get('/reports/programs/cardio?from=2026-01-01&to=2026-03-31&format=csv')).text(),
    );
    const header = rows[0];
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows.slice(1).map((r) => r[0])).toEqual(['act-a', 'act-small', 'act-silent', 'ALL']);
    for (const [i, a] of json.activities.entries()) {
      const row = rows[i + 1];
      expect(col(row, 'enrolled')).toBe(String(a.funnel.enrolled));
      expect(col(row, 'pass_rate_eventually')).toBe(String(a.competence.passRateEventually));
      expect(col(row, 'response_rate')).toBe(String(a.performance.responseRate));
      expect(col(row, 'implemented_share')).toBe(String(a.performance.implementedShare ?? ''));
      expect(col(row, 'verdict_implementedShare')).toBe(
        a.acceptability.find((v) => v.measure === 'implementedShare')?.verdict,
      );
    }
    expect(col(rows[4], 'response_rate')).toBe('0.4667');
  });

  it('records a period review and shows it on the program report; bad dates are 400 naming the field', async () => {
    const bad = await get('/reports/programs/cardio?from=2026-13-01&to=2026-03-31&format=json');
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatch(/query\.from/);
    const reversed = await get('/reports/programs/cardio?from=2026-03-01&to=2026-01-31&format=json');
    expect(reversed.status).toBe(400);
    expect(await errorOf(reversed)).toMatch(/query\.to/);

    const res = await fetch(`${stack.baseUrl}/reports/programs/cardio/reviews`, {
      method: 'POST',
      headers: { ...stack.auth.committee, 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: 'acceptable',
        reviewers: ['Dr Adams'],
        reviewedOn: '2026-04-10',
        periodFrom: '2026-01-01',
        periodTo: '2026-03-31',
      }),
    });
    expect(res.status).toBe(201);
    const r = (await (
      await get('/reports/programs/cardio?from=2026-01-01&to=2026-03-31&format=json')
    ).json()) as ProgramReport;
    expect(r.reviews.map((x) => [x.decision, x.periodFrom, x.periodTo])).toEqual([
      ['acceptable', '2026-01-01', '2026-03-31'],
    ]);
    const html = await (
      await get('/reports/programs/cardio?from=2026-01-01&to=2026-03-31', {
        ...stack.auth.committee,
        accept: 'text/html',
      })
    ).text();
    expect(html).toContain('<b>1</b> of 3 activities (33.3%)');
    expect(html).toContain('fully or partly');
    expect(html).toContain('period 2026-01-01 to 2026-03-31');
  });

  it('404s a program with no activities at all', async () => {
    const res = await get('/reports/programs/nobody?format=json');
    expect(res.status).toBe(404);
  });
});

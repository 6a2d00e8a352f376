// The CE office's workspace over HTTP with figures worked out by hand: two
// activities of a series (the committee reviewed the first and required a
// change), the second's commitments grouped beside what their authors did,
// answers credited to the email whose link brought them, the yearly data,
// programs and actions; and bad input refused without changing anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';
import { seedActivity, seedProgram, type LearnerSpec } from './seed.js';
import type { ActivityReport, ProgramReport } from '../../src/reports/schemas.js';
import type { AnnualReport } from '../../src/reports/annual.js';
import type { ReportsHome } from '../../src/reports/home.js';

let stack: TestStack;

const T = true;
const F = false;
const ama = [{ type: 'ama_pra_1' as const, credits: 2 }];
const done = (commitment: string, rating: number, more: Partial<LearnerSpec> = {}): LearnerSpec => ({
  paid: T,
  attended: T,
  attempts: [[T, T, T]],
  evaluation: { ratings: [rating, rating], relevance: rating, biasFree: true, commitment },
  claims: ama,
  certified: T,
  followUpSent: T,
  ...more,
});
const answer = (
  implemented: 'fully' | 'partly' | 'not',
  viaEmail: number | undefined,
  remindersBefore: number,
  barriers: string[] = [],
) => ({
  followUp: { implemented, viaEmail, remindersBefore, barriers },
});

/** Before: 8 learners, 4 pass (all rate 4), follow-up 4 of 4 answered, 2 implemented. */
const BEFORE: LearnerSpec[] = [
  done('Check statins', 4, answer('fully', 0, 0)),
  done('Check statins', 4, answer('partly', 0, 0)),
  done('Check statins', 4, answer('not', 0, 0)),
  done('Check statins', 4, answer('not', 0, 0)),
  ...Array.from({ length: 4 }, () => ({ paid: T, attended: T, attempts: [[T, F, F]] })),
];

/** After: 10 learners, 9 pass; 9 sent the follow-up, 8 answered (4 fully, 3 partly, 1 not). */
const AFTER: LearnerSpec[] = [
  done('Check statin adherence.', 5, { profession: 'physician', ...answer('fully', 0, 0) }),
  done('check statin adherence', 5, {
    profession: 'physician',
    ...answer('partly', 1, 1, ['time']),
    remindersSent: 1,
  }),
  done('Check statin adherence', 5, { profession: 'physician', remindersSent: 2 }),
  // Answered through the first email's link after the first reminder had gone out.
  done('Refer to the lipid clinic', 5, {
    profession: 'physician',
    ...answer('not', 0, 1, ['cost', 'time']),
    remindersSent: 1,
  }),
  done('Refer to the lipid clinic', 5, {
    profession: 'physician',
    ...answer('fully', 2, 2),
    remindersSent: 2,
  }),
  done('Use the new risk score', 4, {
    profession: 'pharmacist',
    ...answer('partly', 1, 1, ['time']),
    remindersSent: 1,
  }),
  done('Use the new risk scores at triage', 4, { profession: 'pharmacist', ...answer('partly', 0, 0) }),
  // Answered through the API: no email link.
  done('Order fewer tests', 4, { profession: 'pharmacist', ...answer('fully', undefined, 0) }),
  done('Order fewer tests', 4, { ...answer('fully', 0, 0) }),
  {
    profession: 'physician',
    paid: T,
    attended: T,
    attempts: [
      [F, F, F],
      [F, F, T],
    ],
    outcome: 'failed_competence',
  },
];

beforeAll(async () => {
  stack = await startStack({ worker: false });
  await seedProgram(stack.db, 'lipids', 'Lipid management');
  await seedActivity(
    stack.db,
    {
      id: 'lip-1',
      programId: 'lipids',
      seriesId: 'lipids-course',
      title: 'Lipids 2025',
      startsAt: '2025-03-01T14:00:00Z',
    },
    BEFORE,
  );
  await seedActivity(
    stack.db,
    {
      id: 'lip-2',
      programId: 'lipids',
      seriesId: 'lipids-course',
      title: 'Lipids 2026',
      startsAt: '2026-03-01T14:00:00Z',
    },
    AFTER,
  );
  await seedActivity(
    stack.db,
    { id: 'other', programId: 'elsewhere', title: 'Something else', startsAt: '2026-05-01T14:00:00Z' },
    [],
  );
});
afterAll(async () => {
  await stack?.close();
});

const call = async (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = stack.auth.committee,
) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, text };
};
const report = async (id: string) =>
  (await call('GET', `/reports/activities/${id}?format=json`)).json as ActivityReport;

describe('closing the loop along a series', () => {
  it('turns the review of the first activity into a tracked action with owner and due date', async () => {
    const res = await call('POST', '/reports/activities/lip-1/reviews', {
      decision: 'changes_required',
      changes: 'Pass rate too low: add a worked case',
      reviewers: ['Dr Chen', 'Dr Diaz'],
      reviewedOn: '2025-04-01',
      actions: [
        { description: 'Add a worked case on statin intolerance', owner: 'Dr Chen', dueOn: '2025-09-01' },
      ],
    });
    expect(res.status).toBe(201);
    const before = await report('lip-1');
    expect(before.actions).toMatchObject([
      {
        description: 'Add a worked case on statin intolerance',
        owner: 'Dr Chen',
        dueOn: '2025-09-01',
        status: 'open',
        seriesId: 'lipids-course',
      },
    ]);
    // The program report lists it as open; marking it done takes a note.
    const program = (await call('GET', '/reports/programs/lipids?from=2025-01-01&to=2026-12-31&format=json'))
      .json as ProgramReport;
    expect(program.openActions.map((a) => a.description)).toEqual([
      'Add a worked case on statin intolerance',
    ]);
    const id = before.actions[0].id;
    const noNote = await call('POST', `/reports/actions/${id}`, { status: 'done' });
    expect(noNote.status).toBe(400);
    expect(noNote.json.error).toMatch(/body.note/);
    const updated = await call('POST', `/reports/actions/${id}`, {
      status: 'done',
      note: 'Case added to module 2',
    });
    expect(updated.json).toMatchObject({ status: 'done', note: 'Case added to module 2' });
    const after = (await call('GET', '/reports/programs/lipids?from=2025-01-01&to=2026-12-31&format=json'))
      .json as ProgramReport;
    expect(after.openActions).toEqual([]);
  });

  it('shows the next activity each measure before and after, with n and 95% intervals', async () => {
    const r = await report('lip-2');
    const s = r.series!;
    expect(s).toMatchObject({
      seriesId: 'lipids-course',
      basis: 'last_review',
      before: { id: 'lip-1' },
      after: { id: 'lip-2' },
    });
    expect(s.review).toMatchObject({ reviewedOn: '2025-04-01', decision: 'changes_required' });
    expect(s.actions.map((a) => [a.description, a.status, a.note])).toEqual([
      ['Add a worked case on statin intolerance', 'done', 'Case added to module 2'],
    ]);
    const m = Object.fromEntries(s.measures.map((x) => [x.measure, x]));
    // 4 of 8 passed before, 9 of 10 after (Wilson and Newcombe, worked in test/unit/intervals.test.ts).
    expect(m.competencePassRate).toEqual({
      measure: 'competencePassRate',
      kind: 'share',
      before: { value: 0.5, n: 8, interval: { low: 0.2152, high: 0.7848 } },
      after: { value: 0.9, n: 10, interval: { low: 0.5958, high: 0.9821 } },
      difference: 0.4,
      differenceInterval: { low: -0.0167, high: 0.6964 },
      change: 'no_clear_change',
    });
    // Each learner's mean objective rating: four 4s before; five 5s and four 4s after.
    expect(m.objectivesMean).toMatchObject({
      before: { value: 4, n: 4, interval: { low: 4, high: 4 } },
      after: { value: 4.5556, n: 9, interval: { low: 4.1504, high: 4.9607 } },
      difference: 0.5556,
      differenceInterval: { low: 0.1504, high: 0.9607 },
      change: 'better',
    });
    // Implemented fully or partly: 2 of 4 before, 7 of 8 after.
    expect(m.implementedShare).toMatchObject({
      before: { value: 0.5, n: 4, interval: { low: 0.15, high: 0.85 } },
      after: { value: 0.875, n: 8, interval: { low: 0.5291, high: 0.9776 } },
      differenceInterval: { low: -0.117, high: 0.7397 },
      change: 'no_clear_change',
    });
    // The first activity of a series has nothing before it.
    expect((await report('lip-1')).series).toBeNull();
    const html = (await call('GET', '/reports/activities/lip-2?format=html')).text;
    expect(html).toContain('Since the last review (series lipids-course)');
    expect(html).toContain('n=8; 21.5% to 78.5%');
  });
});

describe('commitments beside outcomes, and answers by the email that brought them', () => {
  it('groups similar commitments with counts, what their authors answered and the barriers', async () => {
    const r = await report('lip-2');
    expect(r.commitmentGroups).toEqual([
      {
        label: 'Check statin adherence',
        count: 3,
        wordings: [
          { text: 'Check statin adherence', count: 1 },
          { text: 'Check statin adherence.', count: 1 },
          { text: 'check statin adherence', count: 1 },
        ],
        followUp: { sent: 3, answered: 2, fully: 1, partly: 1, not: 0 },
        barriers: [{ barrier: 'time', count: 1 }],
      },
      {
        label: 'Order fewer tests',
        count: 2,
        wordings: [{ text: 'Order fewer tests', count: 2 }],
        followUp: { sent: 2, answered: 2, fully: 2, partly: 0, not: 0 },
        barriers: [],
      },
      {
        label: 'Refer to the lipid clinic',
        count: 2,
        wordings: [{ text: 'Refer to the lipid clinic', count: 2 }],
        followUp: { sent: 2, answered: 2, fully: 1, partly: 0, not: 1 },
        barriers: [
          { barrier: 'cost', count: 1 },
          { barrier: 'time', count: 1 },
        ],
      },
      {
        label: 'Use the new risk score',
        count: 2,
        wordings: [
          { text: 'Use the new risk score', count: 1 },
          { text: 'Use the new risk scores at triage', count: 1 },
        ],
        followUp: { sent: 2, answered: 2, fully: 0, partly: 2, not: 0 },
        barriers: [{ barrier: 'time', count: 1 }],
      },
    ]);
    const html = (await call('GET', '/reports/activities/lip-2?format=html')).text;
    // Each wording once, never ten times.
    expect(html.match(/Check statin adherence</g)?.length).toBe(1);
  });

  it('credits each answer to the email whose link was clicked, not to the reminders sent before it', async () => {
    const r = await report('lip-2');
    expect(r.followUpEmails).toEqual([
      { email: 0, label: 'First email', sent: 9, answered: 4, rate: 0.4444 },
      { email: 1, label: 'Reminder 1', sent: 5, answered: 2, rate: 0.4 },
      { email: 2, label: 'Reminder 2', sent: 2, answered: 1, rate: 0.5 },
      { email: null, label: 'Not through an email link', sent: null, answered: 1, rate: null },
    ]);
    // remindersBefore stays a fact: 4 answered before any reminder, 7 by the first, 8 by the second.
    expect(r.performanceDetail.afterReminders.map((x) => x.answered)).toEqual([4, 7, 8]);
    const html = (await call('GET', '/reports/activities/lip-2?format=html')).text;
    expect(html).toContain('Follow-up answers by the email that brought them');
    expect(html).toContain('Reminder 1 (sent to 5)');
  });
});

describe('the yearly accreditation data', () => {
  it('lists the year’s activities with hours, learners by profession and the outcomes measured, as JSON and CSV', async () => {
    const res = await call('GET', '/reports/annual?year=2026');
    expect(res.status).toBe(200);
    const a = res.json as AnnualReport;
    expect(a.activities.map((x) => x.id)).toEqual(['lip-2', 'other']);
    expect(a.activities[0]).toMatchObject({
      hours: 2,
      learners: 10,
      certified: 9,
      learnersByProfession: [
        { profession: 'not_stated', label: 'Not stated', learners: 1 },
        { profession: 'pharmacist', label: 'Pharmacist', learners: 3 },
        { profession: 'physician', label: 'Physician (MD, DO, or licensed outside the U.S.)', learners: 6 },
      ],
      outcomes: {
        evaluation: { measured: true, n: 9, objectivesMean: 4.5556 },
        competence: { measured: true, n: 10, passRate: 0.9 },
        performance: { measured: true, sent: 9, answered: 8, responseRate: 0.8889, implementedShare: 0.875 },
      },
    });
    expect(a.activities[1]).toMatchObject({
      learners: 0,
      outcomes: { competence: { measured: false }, performance: { measured: false } },
    });
    expect(a.totals).toMatchObject({
      activities: 2,
      hours: 4,
      learners: 10,
      distinctLearners: 10,
      certified: 9,
      measuringCompetence: 1,
      measuringPerformance: 1,
    });
    const csv = await call('GET', '/reports/annual?year=2026&format=csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toContain('learners_not_stated,learners_pharmacist,learners_physician');
    expect(lines[1]).toMatch(
      /^lip-2,Lipids 2026,lipids,live,2026-03-01,2026-03-01,2,10,9,1,3,6,true,9,4.5556,true,10,0.9,true,9,8,0.8889,0.875$/,
    );
    expect(lines.at(-1)).toMatch(/^TOTAL,2 activities,,,2026-01-01,2026-12-31,4,10,9,1,3,6,/);
    const lipidsOnly = (await call('GET', '/reports/annual?year=2025&programId=lipids')).json as AnnualReport;
    expect(lipidsOnly.activities.map((x) => x.id)).toEqual(['lip-1']);
  });
});

describe('navigation and programs', () => {
  it('lists programs and activities with verdicts, search and period; /reports/activities and /reports/programs answer', async () => {
    const home = (await call('GET', '/reports?format=json')).json as ReportsHome;
    expect(home.programs.map((p) => [p.id, p.name, p.registered])).toEqual([
      ['elsewhere', 'elsewhere', false],
      ['lipids', 'Lipid management', true],
    ]);
    const all = (await call('GET', '/reports/activities?format=json&from=2025-01-01')).json as ReportsHome;
    expect(all.activities.map((a) => a.activity.id)).toEqual(['other', 'lip-2', 'lip-1']);
    const lip2 = all.activities.find((a) => a.activity.id === 'lip-2')!;
    expect(lip2).toMatchObject({
      programName: 'Lipid management',
      seriesId: 'lipids-course',
      enrolled: 10,
      followUp: { sent: 9, answered: 8, status: 'closed' },
    });
    expect(lip2.verdicts.acceptable + lip2.verdicts.belowThreshold + lip2.verdicts.tooFewResponses).toBe(6);
    const searched = (await call('GET', '/reports?format=json&q=lipid%20man')).json as ReportsHome;
    expect(searched.activities.map((a) => a.activity.id).sort()).toEqual(['lip-1', 'lip-2']);
    const period = (await call('GET', '/reports?format=json&from=2026-01-01&to=2026-03-31'))
      .json as ReportsHome;
    expect(period.activities.map((a) => a.activity.id)).toEqual(['lip-2']);
    const wildcard = (await call('GET', '/reports?format=json&q=%25')).json as ReportsHome;
    expect(wildcard.activities).toEqual([]);
    const programs = await call('GET', '/reports/programs?format=json');
    expect(programs.json.programs).toHaveLength(2);
  });

  it('lets staff name a program and its committee; the digest follows committeeEmails', async () => {
    const body = {
      name: 'Lipid management CME',
      committeeMembers: [{ name: 'Dr Chen', email: 'chen@example.org', role: 'chair' }, { name: 'Dr Diaz' }],
      committeeEmails: ['chen@example.org'],
    };
    expect((await call('PUT', '/reports/programs/lipids', body)).status).toBe(401); // committee token: no
    const saved = await call('PUT', '/reports/programs/lipids', body, stack.auth.staff);
    expect(saved).toMatchObject({ status: 200, json: { programId: 'lipids', created: false } });
    const created = await call('PUT', '/reports/programs/new-one', { name: 'New program' }, stack.auth.staff);
    expect(created).toMatchObject({ status: 201, json: { created: true } });
    const shown = await call(
      'GET',
      '/reports/programs/lipids/settings?format=json',
      undefined,
      stack.auth.staff,
    );
    expect(shown.json).toMatchObject({ ...body, registered: true, activities: 2 });
    const program = (await call('GET', '/reports/programs/lipids?from=2025-01-01&to=2026-12-31&format=json'))
      .json as ProgramReport;
    expect(program.program.name).toBe('Lipid management CME');
    // The settings form (one member a line) saves the same way.
    const form = await fetch(`${stack.baseUrl}/reports/programs/lipids/settings`, {
      method: 'POST',
      headers: { ...stack.auth.staff, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'Lipid management CME',
        committeeMembers: 'Dr Chen <chen@example.org> (chair)\nDr Diaz',
        committeeEmails: 'chen@example.org\ndiaz@example.org',
      }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    const after = await call(
      'GET',
      '/reports/programs/lipids/settings?format=json',
      undefined,
      stack.auth.staff,
    );
    expect(after.json.committeeMembers).toEqual(body.committeeMembers);
    expect(after.json.committeeEmails).toEqual(['chen@example.org', 'diaz@example.org']);
  });
});

describe('bad input gets a clear error and changes nothing', () => {
  it('refuses unknown ids, dates out of order and malformed fields, naming the field', async () => {
    const staff = stack.auth.staff;
    const cases: [string, string, unknown, RegExp, number][] = [
      ['GET', '/reports/activities/nope', undefined, /no activity "nope"/, 404],
      ['GET', '/reports?from=2026-05-01&to=2026-01-01', undefined, /query.to: is before from/, 400],
      ['GET', '/reports?from=2026-13-45', undefined, /query.from/, 400],
      ['GET', '/reports/annual?year=9999', undefined, /query.year/, 400],
      ['GET', '/reports/annual', undefined, /query.year/, 400],
      [
        'POST',
        '/reports/actions/00000000-0000-4000-8000-000000000000',
        { status: 'done', note: 'x' },
        /no action/,
        404,
      ],
      ['POST', '/reports/actions/not-a-uuid', { status: 'done' }, /params.actionId/, 400],
      ['PUT', '/reports/programs/bad:id', { name: 'x' }, /params.programId/, 400],
      [
        'PUT',
        '/reports/programs/p1',
        { name: 'x', committeeEmails: ['not-an-email'] },
        /body.committeeEmails.0/,
        400,
      ],
      ['PUT', '/reports/programs/p1', { name: 'x\u0000y' }, /body.name: contains a NUL byte/, 400],
      ['PUT', '/reports/programs/p1', { name: 'x'.repeat(201) }, /body.name/, 400],
      [
        'PUT',
        '/reports/programs/p1',
        { name: 'x', committeeEmails: ['a@example.org', 'A@example.org'] },
        /listed twice/,
        400,
      ],
      [
        'POST',
        '/reports/activities/lip-2/reviews',
        { decision: 'changes_required', changes: 'x', reviewers: ['A'], reviewedOn: '9999-01-01' },
        /body.reviewedOn: is in the future/,
        400,
      ],
      [
        'POST',
        '/reports/activities/lip-2/reviews',
        {
          decision: 'changes_required',
          changes: 'x',
          reviewers: ['A'],
          reviewedOn: '2026-04-01',
          actions: [{ description: 'y', dueOn: '2026-03-01' }],
        },
        /body.actions.0.dueOn: is before the review/,
        400,
      ],
      [
        'POST',
        '/reports/activities/lip-2/reviews',
        {
          decision: 'changes_required',
          changes: 'x',
          reviewers: ['A'],
          reviewedOn: '2026-04-01',
          actions: [{ description: 'y', dueOn: '9999-03-01' }],
        },
        /more than ten years/,
        400,
      ],
    ];
    for (const [method, path, body, error, status] of cases) {
      const res = await call(method, path, body, staff);
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.json?.error, `${method} ${path}`).toMatch(error);
    }
    expect((await report('lip-2')).reviews).toEqual([]);
    const programs = (await call('GET', '/reports/programs?format=json')).json.programs.map(
      (p: { id: string }) => p.id,
    );
    expect(programs).not.toContain('p1');
    // An emoji is text like any other.
    expect((await call('PUT', '/reports/programs/p2', { name: 'Cardiology 🫀' }, staff)).status).toBe(201);
  });
});

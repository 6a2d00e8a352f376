// A disclosure round trip: CE staff list a faculty member and a planner, each
// discloses through the emailed link (a link used for another activity changes
// nothing), staff judge the relationship relevant through the CLI and record
// its mitigation on the page; the learner's enrollment email, held until then
// by the policy, arrives with the disclosures, and the public activity page
// shows them, "nothing to disclose" included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleLearner } from '../support/fixtures.js';
import { emailOutbox, disclosures } from '../../src/db/schema/index.js';
import type { CapturedMail } from '../../src/platform/mail/capture.js';
import type { ActivityDisclosures, Person } from '../../src/disclosures/schemas.js';

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
let stack: TestStack;
const ACTIVITY = 'cdiff-2027';

beforeAll(async () => {
  stack = await startStack();
  const soon = Date.now() + 30 * 86_400_000;
  const activity = sampleActivity({
    format: 'live',
    startsAt: new Date(soon).toISOString(),
    endsAt: new Date(soon + 3 * 3600_000).toISOString(),
    location: 'Room 4, Teaching Hospital',
  });
  // A live activity's ACPE UAN carries the live format letter L.
  const live = activity.policy.credits.map((c) =>
    c.uan ? { ...c, uan: c.uan.replace(/-H(\d\d)-/, '-L$1-') } : c,
  );
  const put = (id: string, policy: object) =>
    fetch(`${stack.baseUrl}/activities/${id}`, {
      method: 'PUT',
      headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, policy: { ...activity.policy, credits: live, ...policy } }),
    });
  const first = await put(ACTIVITY, { disclosures: { holdEnrollmentEmails: true } });
  expect(first.status, await first.clone().text()).toBe(201);
  expect((await put('other-activity', {})).status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

async function call(method: string, path: string, body?: unknown, headers = stack.auth.staff) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, text };
}

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [MAIN, ...args],
      {
        env: { ...process.env, CE_OUTCOMES_URL: stack.baseUrl, CE_OUTCOMES_TOKEN: stack.config.STAFF_TOKEN },
      },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const disclosureLink = (mail: CapturedMail) => {
  const href = [...mail.html.matchAll(/href="([^"]+)"/g)]
    .map((m) => m[1].replace(/&amp;/g, '&'))
    .find((h) => h.includes('/disclose/'));
  if (!href) throw new Error(`no disclosure link in "${mail.subject}"`);
  return new URL(href);
};
const mailTo = (address: string, subject: string) =>
  stack.capture.waitFor((m) => m.to.includes(address) && m.subject.startsWith(subject), 20_000);
const statusOf = async () =>
  (await call('GET', `/reports/activities/${ACTIVITY}/disclosures?format=json`)).json as ActivityDisclosures;

describe('disclosure round trip', () => {
  it('collects, judges and mitigates disclosures, then sends the held enrollment email and shows them publicly', async () => {
    // Staff list the faculty member and the planner; each is emailed a personal link.
    const faculty = await call('POST', `/reports/activities/${ACTIVITY}/disclosures/people`, {
      name: 'Dr Faye Okafor',
      email: 'faye@example.org',
      roles: ['faculty'],
    });
    expect(faculty.status).toBe(201);
    expect(
      (
        await call('POST', `/reports/activities/${ACTIVITY}/disclosures/people`, {
          name: 'Pat Planner',
          email: 'pat@example.org',
          roles: ['planner', 'reviewer'],
        })
      ).status,
    ).toBe(201);
    const fayeMail = await mailTo('faye@example.org', 'Please disclose your financial relationships');
    const patMail = await mailTo('pat@example.org', 'Please disclose your financial relationships');
    expect(fayeMail.text).toContain('You are listed as faculty of Diagnosing C. difficile infection');

    // A learner enrolls now: the policy holds the enrollment email.
    const learner = sampleLearner(1);
    const enrolled = await call(
      'POST',
      `/activities/${ACTIVITY}/enrollments`,
      { learner },
      stack.auth.enrollment,
    );
    expect(enrolled.status).toBe(201);
    const [held] = await stack.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.dedupeKey, `${enrolled.json.enrollmentId}:enrollment_confirmation`));
    expect(held).toMatchObject({ status: 'held', heldReason: `disclosures:${ACTIVITY}` });

    // Faye's link opened on another activity's page is refused, and changes nothing.
    const link = disclosureLink(fayeMail);
    expect(link.pathname).toBe(`/disclose/${ACTIVITY}`);
    const t = link.searchParams.get('t')!;
    const elsewhere = await fetch(`${stack.baseUrl}/disclose/other-activity?t=${encodeURIComponent(t)}`);
    expect(elsewhere.status).toBe(403);
    expect(await elsewhere.text()).toContain('This link is for another activity');
    const posted = await form('/disclose/other-activity', {
      t,
      nothingToDisclose: 'yes',
      attest: 'yes',
      signedName: 'Faye Okafor',
    });
    expect(posted.status).toBe(403);
    expect(await stack.db.select().from(disclosures)).toEqual([]);

    // The form, and a relationship that ended in the future: shown again with the field marked.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Disclose your financial relationships');
    const fields = {
      t,
      nothingToDisclose: 'no',
      company0: 'Acme Diagnostics',
      nature0: 'Consulting fee',
      attest: 'yes',
      signedName: 'Faye Okafor',
    };
    const future = await form(link.pathname, { ...fields, endedOn0: '9999-01-01' });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('is in the future; leave it empty for an ongoing relationship');
    const unsigned = await form(link.pathname, { ...fields, attest: '' });
    expect(unsigned.status).toBe(422);
    expect(await stack.db.select().from(disclosures)).toEqual([]);
    const recorded = await form(link.pathname, fields);
    expect(recorded.status).toBe(200);
    expect(await recorded.text()).toContain('Thank you: your disclosure is recorded');

    // Pat has nothing to disclose.
    const patLink = disclosureLink(patMail);
    expect(
      (
        await form(patLink.pathname, {
          t: patLink.searchParams.get('t')!,
          nothingToDisclose: 'yes',
          attest: 'yes',
          signedName: 'Pat Planner',
        })
      ).status,
    ).toBe(200);

    let d = await statusOf();
    expect(d.status).toMatchObject({
      people: 2,
      disclosed: 2,
      relationships: 1,
      undecided: 1,
      complete: false,
      heldEmails: 1,
    });
    const relationship = d.people.find((p: Person) => p.name === 'Dr Faye Okafor')!.disclosure!
      .relationships[0];
    // The committee's report names who stands where (no email addresses).
    const midway = await call(
      'GET',
      `/reports/activities/${ACTIVITY}?format=json`,
      undefined,
      stack.auth.committee,
    );
    expect(midway.json.disclosurePeople).toEqual([
      {
        name: 'Dr Faye Okafor',
        roles: ['faculty'],
        disclosure: 'relationships',
        relationships: 1,
        undecided: 1,
        unmitigated: 0,
      },
      {
        name: 'Pat Planner',
        roles: ['planner', 'reviewer'],
        disclosure: 'nothing_to_disclose',
        relationships: 0,
        undecided: 0,
        unmitigated: 0,
      },
    ]);
    expect(midway.text).not.toContain('faye@example.org');

    // Staff judge it relevant from the CLI: still not mitigated, the email still held.
    const decided = await cli('disclosure', 'decide', ACTIVITY, relationship.id, '--relevant', 'yes');
    expect(decided.stderr).toBe('');
    expect(decided.stdout).toContain('disclosures still incomplete');
    const listed = await cli('disclosures', ACTIVITY);
    expect(listed.stdout).toContain('Acme Diagnostics: Consulting fee');
    expect((await statusOf()).status).toMatchObject({
      relevant: 1,
      unmitigated: 1,
      complete: false,
      heldEmails: 1,
    });
    const refused = await cli(
      'disclosure',
      'decide',
      ACTIVITY,
      relationship.id,
      '--relevant',
      'no',
      '--mitigation',
      'peer review',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('body.mitigation: only a relevant relationship is mitigated');

    // The mitigation, recorded on the staff page's form, completes them: the held email goes out.
    const mitigated = await form(
      `/reports/activities/${ACTIVITY}/disclosures/relationships/${relationship.id}`,
      { relevant: 'yes', mitigation: 'Content peer-reviewed by a planner with no relationships' },
      stack.auth.staff,
    );
    expect(mitigated.status).toBe(303);
    d = await statusOf();
    expect(d.status).toMatchObject({ complete: true, heldEmails: 0 });

    const welcome = await mailTo(learner.email, 'You are enrolled');
    for (const text of [welcome.text, welcome.html]) {
      expect(text).toContain('Dr Faye Okafor');
      expect(text).toContain('Acme Diagnostics: Consulting fee');
      expect(text).toContain('Pat Planner');
      expect(text).toContain('Nothing to disclose');
      expect(text).toContain('All relevant financial relationships listed above have been mitigated.');
    }
    expect(welcome.text).toContain('Room 4, Teaching Hospital');

    // A learner enrolling now gets the email at once.
    const second = sampleLearner(2);
    await call('POST', `/activities/${ACTIVITY}/enrollments`, { learner: second }, stack.auth.enrollment);
    expect((await mailTo(second.email, 'You are enrolled')).text).toContain(
      'Acme Diagnostics: Consulting fee',
    );

    // The public page, before the activity starts.
    const pub = await fetch(`${stack.baseUrl}/catalog/activities/${ACTIVITY}`);
    expect(pub.status).toBe(200);
    const html = await pub.text();
    expect(html).toContain('Dr Faye Okafor');
    expect(html).toContain('Acme Diagnostics: Consulting fee');
    expect(html).toContain('Nothing to disclose');
    expect(html).toContain('All relevant financial relationships listed above have been mitigated.');
    expect(html).not.toContain('faye@example.org');
    expect((await fetch(`${stack.baseUrl}/catalog/activities/nope`)).status).toBe(404);

    // The activity report says so.
    const report = await call(
      'GET',
      `/reports/activities/${ACTIVITY}?format=json`,
      undefined,
      stack.auth.committee,
    );
    expect(report.json.disclosures).toMatchObject({
      people: 2,
      disclosed: 2,
      relevant: 1,
      unmitigated: 0,
      complete: true,
    });
    expect(report.json.disclosurePeople[0]).toMatchObject({ undecided: 0, unmitigated: 0 });
    const reportPage = await call(
      'GET',
      `/reports/activities/${ACTIVITY}?format=html`,
      undefined,
      stack.auth.committee,
    );
    expect(reportPage.text).toContain('All decided and mitigated');
    expect(reportPage.text).toContain('Nothing to disclose');
  });

  it('refuses unknown people, relationships and activities and malformed people', async () => {
    const base = `/reports/activities/${ACTIVITY}/disclosures`;
    const cases: [string, unknown, RegExp, number][] = [
      [
        '/reports/activities/nope/disclosures/people',
        { name: 'A', email: 'a@example.org', roles: ['faculty'] },
        /no activity "nope"/,
        404,
      ],
      [`${base}/people`, { name: 'A', email: 'not-an-email', roles: ['faculty'] }, /body.email/, 400],
      [`${base}/people`, { name: 'A', email: 'a@example.org', roles: [] }, /body.roles/, 400],
      [`${base}/people`, { name: 'A', email: 'a@example.org', roles: ['sponsor'] }, /body.roles.0/, 400],
      [
        `${base}/people`,
        { name: 'A\u0007', email: 'a@example.org', roles: ['faculty'] },
        /body.name: contains a control character/,
        400,
      ],
      [`${base}/people/00000000-0000-4000-8000-000000000000/invite`, undefined, /no person/, 404],
      [
        `${base}/relationships/00000000-0000-4000-8000-000000000000`,
        { relevant: true },
        /no disclosed relationship/,
        404,
      ],
      [`${base}/relationships/nope`, { relevant: true }, /params.relationshipId/, 400],
    ];
    for (const [path, body, error, status] of cases) {
      const res = await call('POST', path, body);
      expect(res.status, path).toBe(status);
      expect(res.json.error, path).toMatch(error);
    }
    expect((await statusOf()).people).toHaveLength(2);
    // The committee reads disclosures but does not change them.
    expect(
      (
        await call(
          'POST',
          `${base}/people`,
          { name: 'A', email: 'a@example.org', roles: ['faculty'] },
          stack.auth.committee,
        )
      ).status,
    ).toBe(401);
  });
});

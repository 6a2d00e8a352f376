// People sign in as themselves: staff create a named key for a committee
// member with the CLI; she signs in with it in a browser form, gets a session
// cookie (never the key), records a review that names her, signs out, and
// the old cookie is refused. Revoking a key closes its API access and sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { runCli } from '../support/cli.js';
import { stackWithActivity } from './seeded.js';
import { seedCertificate } from '../learner/seed.js';
import type { ActivityReport } from '../../src/reports/schemas.js';

let stack: TestStack;

beforeAll(async () => {
  stack = await stackWithActivity();
});
afterAll(async () => {
  await stack?.close();
});

const cli = (token: string, ...args: string[]) => runCli(stack.baseUrl, token, ...args);

const http = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', ...init });
const form = (fields: Record<string, string>, cookie?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(fields),
});
/** The cookies a response sets, as one Cookie header. */
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

async function createKey(name: string, role: string, ...flags: string[]) {
  const made = await cli(stack.config.STAFF_TOKEN, 'keys', 'create', name, '--role', role, ...flags);
  expect(made.stderr).toBe('');
  expect(made.code).toBe(0);
  const [line, key] = made.stdout.trim().split('\n');
  return { id: /key ([0-9a-f-]{36})/.exec(line)![1], key };
}

describe('named people and keys', () => {
  it('signs a committee member in with her own key, attributes her review to her, and signs her out for good', async () => {
    const { key } = await createKey('Dr. Amara Okafor', 'committee');
    expect(key).toMatch(/^ceo_[0-9a-f]{12}_[\w-]{43}$/);

    const signIn = await http('/reports/login', form({ token: key, next: '/reports/activities/act-a' }));
    expect(signIn.status).toBe(303);
    const setCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('ceo_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=43200/);
    expect(setCookie).not.toMatch(/Secure/); // plain http on loopback
    expect(setCookie).not.toContain(key.slice(4, 16));
    let cookie = cookiesOf(signIn);

    const page = await http('/reports/activities/act-a', { headers: { accept: 'text/html', cookie } });
    expect(page.status).toBe(200);
    cookie = [cookie, cookiesOf(page)].filter(Boolean).join('; ');
    const html = await page.text();
    const csrf = csrfIn(html);
    expect(csrf).not.toBe('');

    const review = {
      decision: 'changes_required',
      changes: 'Add a case on statin intolerance',
      reviewers: 'A. Okafor, B. Lindqvist',
      reviewedOn: '2026-05-04',
    };
    // Without the form's CSRF token (a post from another site), nothing is recorded.
    const forged = await http('/reports/activities/act-a/reviews', form(review, cookie));
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: string }).error).toMatch(/^csrf:/);

    const saved = await http('/reports/activities/act-a/reviews', form({ ...review, _csrf: csrf }, cookie));
    expect(saved.status).toBe(303);
    const report = (await (
      await http('/reports/activities/act-a?format=json', { headers: stack.auth.committee })
    ).json()) as ActivityReport;
    expect(report.reviews.map((r) => [r.changes, r.recordedBy])).toEqual([
      ['Add a case on statin intolerance', 'Dr. Amara Okafor'],
    ]);
    const shown = await http('/reports/activities/act-a', { headers: { accept: 'text/html', cookie } });
    expect(await shown.text()).toContain('recorded by Dr. Amara Okafor');

    const signOutPage = await http('/sign-out', { headers: { accept: 'text/html', cookie } });
    expect(signOutPage.status).toBe(200);
    const signOutHtml = await signOutPage.text();
    expect(signOutHtml).toContain('Dr. Amara Okafor');
    const signedOut = await http('/sign-out', form({ _csrf: csrfIn(signOutHtml) }, cookie));
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.getSetCookie().join()).toMatch(/ceo_session=;.*Expires=Thu, 01 Jan 1970/);

    // The old cookie, kept by an attacker or a shared computer, opens nothing now.
    const after = await http('/reports/activities/act-a?format=json', { headers: { cookie } });
    expect(after.status).toBe(401);
    const browser = await http('/reports/activities/act-a', { headers: { accept: 'text/html', cookie } });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toMatch(/^\/reports\/login\?next=/);
  });

  it('refuses a session cookie whose signature was changed', async () => {
    const signIn = await http('/reports/login', form({ token: stack.config.COMMITTEE_TOKEN }));
    const cookie = cookiesOf(signIn);
    const tampered = cookie.replace(/ceo_session=([^;.]+)/, 'ceo_session=AAAA$1');
    expect((await http('/reports/activities/act-a?format=json', { headers: { cookie } })).status).toBe(200);
    expect(
      (await http('/reports/activities/act-a?format=json', { headers: { cookie: tampered } })).status,
    ).toBe(401);
  });

  it('lets a system key call the API in its role only, lists keys without them, and revokes at once', async () => {
    const lms = await createKey('Moodle LMS', 'enrollment', '--system');
    const bearer = { authorization: `Bearer ${lms.key}` };
    const activity = await http('/activities/act-a', { headers: bearer });
    expect(activity.status).toBe(200);
    expect((await http('/reports/activities/act-a?format=json', { headers: bearer })).status).toBe(401);

    const listed = await cli(stack.config.STAFF_TOKEN, 'keys', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Moodle LMS');
    expect(listed.stdout).toContain(lms.key.slice(0, 16));
    expect(listed.stdout).not.toContain(lms.key.slice(17));

    const staffSession = await createKey('Jo Registrar', 'committee');
    const cookie = cookiesOf(await http('/reports/login', form({ token: staffSession.key })));
    expect((await http('/reports/activities/act-a?format=json', { headers: { cookie } })).status).toBe(200);

    expect((await cli(stack.config.STAFF_TOKEN, 'keys', 'revoke', lms.id)).code).toBe(0);
    expect((await cli(stack.config.STAFF_TOKEN, 'keys', 'revoke', staffSession.id)).code).toBe(0);
    expect((await http('/activities/act-a', { headers: bearer })).status).toBe(401);
    expect((await http('/reports/activities/act-a?format=json', { headers: { cookie } })).status).toBe(401);

    const again = await cli(stack.config.STAFF_TOKEN, 'keys', 'revoke', lms.id);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^ce-outcomes keys: HTTP 409: API key .* was already revoked$/);
    const badRole = await cli(stack.config.STAFF_TOKEN, 'keys', 'create', 'X', '--role', 'admin');
    expect(badRole.code).toBe(1);
    expect(badRole.stderr.trim()).toBe(
      'ce-outcomes keys: --role: expected one of enrollment, staff, committee, got "admin"',
    );
    // Only staff manage keys.
    expect((await cli(stack.config.COMMITTEE_TOKEN, 'keys', 'list')).stderr).toContain('401');
  });

  it('names the staff member who revokes or reissues a certificate in its audit log', async () => {
    const { key } = await createKey('Pat Lee (CE office)', 'staff');
    const { certificate } = await seedCertificate(stack.db, { learnerName: 'Dr. Amara Okafr' });
    const revoked = await cli(
      key,
      'certificate',
      'revoke',
      certificate.number,
      '--reason',
      'attendance not verified',
    );
    expect(revoked.stderr).toBe('');
    const shown = await http(`/certificates/${certificate.number}`, { headers: stack.auth.staff });
    const { events } = (await shown.json()) as { events: { action: string; actor: string }[] };
    expect(events.find((e) => e.action === 'revoked')?.actor).toMatch(/^Pat Lee \(CE office\) \(cli:/);
  });

  it('records a program review for a known program only', async () => {
    const review = { decision: 'acceptable', reviewers: ['A. Okafor'], reviewedOn: '2026-05-04' };
    const post = (program: string) =>
      http(`/reports/programs/${program}/reviews`, {
        method: 'POST',
        headers: { ...stack.auth.committee, 'content-type': 'application/json' },
        body: JSON.stringify({ ...review, periodFrom: '2026-01-01', periodTo: '2026-06-30' }),
      });
    const unknown = await post('no-such-program');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toBe(
      'programId: no program "no-such-program"',
    );
    const known = await post('cardio');
    expect(known.status).toBe(201);
    expect(((await known.json()) as { recordedBy: string }).recordedBy).toBe('committee (COMMITTEE_TOKEN)');
  });
});

// The OpenAPI document against what the server answers: one enrollment's whole
// story (and the staff and committee routes around it) is driven through every
// documented operation, and each 2xx body must match the schema the route
// declares for that status and content type. A route added to the document
// without a call here fails the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { PDFDocument } from 'pdf-lib';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity, sampleAnswers, sampleLearner, samplePolicy } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import { reachStage } from '../lifecycle/story.js';
import type { Api } from '../../src/http/api.js';
import { appWithRoutes } from '../support/route-walk.js';
import { certificates, emailOutbox } from '../../src/db/schema/index.js';
import { recordDisclosure } from '../../src/disclosures/attest.js';
import type { Person } from '../../src/disclosures/schemas.js';

interface Call {
  method: string;
  url: string;
  status: number;
  type: string;
  body: string;
}

let stack: TestStack;
let app: Api;
let routes: RouteOptions[] = [];
const calls: Call[] = [];

beforeAll(async () => {
  stack = await startStack();
  ({ app, routes } = await appWithRoutes(stack.ctx));
});
afterAll(async () => {
  await app?.close();
  await stack?.close();
});

type Role = 'enrollment' | 'staff' | 'committee' | 'public';

/** Calls a route by its template (`/activities/:activityId`) and records the answer. */
async function call(
  method: string,
  url: string,
  role: Role,
  params: Record<string, string> = {},
  options: { body?: unknown; query?: string; form?: FormData } = {},
) {
  const token = {
    enrollment: stack.config.API_TOKEN,
    staff: stack.config.STAFF_TOKEN,
    committee: stack.config.COMMITTEE_TOKEN,
    public: undefined,
  }[role];
  const path = url.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name]));
  const form = options.form ? await multipart(options.form) : undefined;
  const res = await app.inject({
    method: method as 'GET',
    url: `${path}${options.query ? `?${options.query}` : ''}`,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(form ? { 'content-type': form.contentType } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    ...(form ? { payload: form.payload } : {}),
  });
  const type = String(res.headers['content-type'] ?? '').split(';')[0];
  calls.push({ method, url, status: res.statusCode, type, body: res.body });
  expect(res.statusCode, `${method} ${path}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
  return type === 'application/json' ? (res.json() as Record<string, unknown>) : {};
}

/** A form as a multipart body (its boundary in the content type). */
async function multipart(form: FormData) {
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type')!,
  };
}

/** The schema a route declares for a status and content type. */
function declared(route: RouteOptions, status: number, type: string): z.ZodType | undefined {
  const response = (route.schema as { response?: Record<string, unknown> }).response?.[status];
  if (response instanceof z.ZodType) return type === 'application/json' ? response : undefined;
  const content = (response as { content?: Record<string, { schema: z.ZodType }> } | undefined)?.content;
  return content?.[type]?.schema;
}

/** Credential maintenance: CE from elsewhere, the dashboard, staff's requirements and review. */
async function maintenanceStory(learnerId: string) {
  const l = { learnerId };
  const pdf = await PDFDocument.create();
  pdf.addPage();
  const form = new FormData();
  for (const [k, v] of Object.entries({
    title: 'Ethics in the lab',
    provider: 'ASCLS',
    completedOn: '2026-01-10',
    amount: '1',
    kind: 'course',
    topics: 'ethics',
  }))
    form.append(k, v);
  form.append('evidence', new Blob([Buffer.from(await pdf.save())]), 'letter.pdf');
  const entry = await call('POST', '/learners/:learnerId/ce-entries', 'enrollment', l, { form });
  await call('GET', '/learners/:learnerId/ce-entries', 'enrollment', l);
  const dashboard = await call('GET', '/learners/:learnerId/maintenance', 'enrollment', l);
  await call('GET', '/learners/:learnerId/maintenance.pdf', 'enrollment', l);
  const [credential] = dashboard.credentials as { credentialKey: string }[];
  const c = { ...l, credentialKey: credential.credentialKey };
  await call('PUT', '/learners/:learnerId/credentials/:credentialKey/cycle', 'enrollment', c, {
    body: { cycleStartsOn: '2025-01-01' },
  });
  const sourceId = `entry:${String(entry.entryId)}`;
  await call(
    'PUT',
    '/learners/:learnerId/credentials/:credentialKey/moves/:sourceId',
    'enrollment',
    { ...c, sourceId },
    {
      body: { split: {} },
    },
  );
  await call('DELETE', '/learners/:learnerId/credentials/:credentialKey/moves', 'enrollment', c);
  await call('PUT', '/learners/:learnerId/credentials/:credentialKey/reminders', 'enrollment', c, {
    body: { enabled: false },
  });
  const { requirements } = (await call('GET', '/credential-requirements', 'staff')) as {
    requirements: { id: string }[];
  };
  const { id: requirementId, ...definition } = requirements[0];
  await call('GET', '/credential-requirements/:requirementId', 'staff', { requirementId });
  await call(
    'PUT',
    '/credential-requirements/:requirementId',
    'staff',
    { requirementId: 'copy' },
    { body: definition },
  );
  await call('DELETE', '/credential-requirements/:requirementId', 'staff', { requirementId: 'copy' });
  const e = { entryId: String(entry.entryId) };
  await call('GET', '/ce-entries', 'staff');
  await call('GET', '/ce-entries/:entryId/evidence', 'staff', e);
  await call('POST', '/ce-entries/:entryId/review', 'staff', e, { body: { status: 'verified' } });
  await call('DELETE', '/learners/:learnerId/ce-entries/:entryId', 'enrollment', { ...l, ...e });
}

describe('every documented operation answers what its schema says', () => {
  it('drives an enrollment, its certificates, the reports and the staff tools through the API', async () => {
    const activityId = 'contract-101';
    await call('GET', '/healthz', 'public');
    // The questionnaire stays open long enough for a busy machine to answer it.
    const policy = { ...samplePolicy, followUp: { ...samplePolicy.followUp, closeAfter: '5m' } };
    await call(
      'PUT',
      '/activities/:activityId',
      'enrollment',
      { activityId },
      { body: sampleActivity({ policy }) },
    );
    await call('GET', '/activities/:activityId', 'enrollment', { activityId });
    const learner = sampleLearner(1);
    const enrolled = await call(
      'POST',
      '/activities/:activityId/enrollments',
      'enrollment',
      { activityId },
      {
        body: { learner },
      },
    );
    const enrollmentId = String(enrolled.enrollmentId);
    const e = { enrollmentId };
    await call('GET', '/enrollments/:enrollmentId', 'enrollment', e);
    const now = new Date().toISOString();
    await call('POST', '/enrollments/:enrollmentId/payments', 'enrollment', e, {
      body: { amountCents: 2500, currency: 'USD', reference: 'contract-pay', receivedAt: now },
    });
    await call('POST', '/enrollments/:enrollmentId/attendance', 'enrollment', e, {
      body: { eventKey: 'all', minutes: 90, completed: true, recordedAt: now },
    });
    await reachStage(stack, enrollmentId, 'competence');
    await call('POST', '/enrollments/:enrollmentId/competence', 'enrollment', e, {
      body: { answers: sampleAnswers() },
    });
    await reachStage(stack, enrollmentId, 'evaluation');
    await call('POST', '/enrollments/:enrollmentId/evaluation', 'enrollment', e, {
      body: {
        objectiveRatings: [5, 4, 5],
        relevance: 5,
        freeOfCommercialBias: true,
        commitment: 'Test first.',
      },
    });
    const claimable = await call('GET', '/enrollments/:enrollmentId/claimable', 'enrollment', e);
    const credit = (claimable.credits as { creditType: string; max: number }[]).find((c) => c.max > 0)!;
    await call('POST', '/enrollments/:enrollmentId/claim', 'enrollment', e, {
      body: { claims: [{ creditType: credit.creditType, credits: credit.max }] },
    });
    // The follow-up window of the sample policy is seconds long: answer it before the certificate calls.
    await reachStage(stack, enrollmentId, 'follow_up');
    await call('GET', '/reports/activities/:activityId/non-respondents', 'staff', { activityId });
    await call('POST', '/enrollments/:enrollmentId/follow-up', 'enrollment', e, {
      body: { implemented: 'fully' },
    });
    const [cert] = await eventually(async () => {
      const rows = await stack.db
        .select()
        .from(certificates)
        .where(eq(certificates.enrollmentId, enrollmentId));
      if (rows.length === 0) throw new Error('no certificate yet');
      return rows;
    });

    const provider = await call('GET', '/provider', 'staff');
    await call('PUT', '/provider', 'staff', undefined, {
      body: {
        name: 'Society for Clinical Microbiology',
        contactEmail: 'ce@scm.example.org',
        postalAddress: '1 Main Street, Springfield',
        accmeId: provider.accmeId ?? '0000123',
      },
    });
    const l = { learnerId: learner.id };
    const profile = await call('GET', '/learners/:learnerId/profile', 'enrollment', l);
    await call('PUT', '/learners/:learnerId/profile', 'enrollment', l, { body: profile });
    await call('GET', '/learners/:learnerId/transcript', 'enrollment', { learnerId: learner.id });
    await call('GET', '/learners/:learnerId/transcript.pdf', 'enrollment', { learnerId: learner.id });
    await call('GET', '/verify/:code', 'public', { code: cert.verificationCode });
    await call('GET', '/certificates/:number', 'staff', { number: cert.number });
    const reissued = await call(
      'POST',
      '/certificates/:number/reissue',
      'staff',
      { number: cert.number },
      {
        body: { learnerName: 'Dr Learner One', reason: 'spelling' },
      },
    );
    const current = (reissued.certificate as { number: string }).number;
    await call(
      'POST',
      '/certificates/:number/revoke',
      'staff',
      { number: current },
      {
        body: { reason: 'attendance not verified' },
      },
    );

    const second = await call(
      'POST',
      '/activities/:activityId/enrollments',
      'enrollment',
      { activityId },
      {
        body: { learner: sampleLearner(2) },
      },
    );
    await call(
      'POST',
      '/enrollments/:enrollmentId/withdrawal',
      'enrollment',
      {
        enrollmentId: String(second.enrollmentId),
      },
      { body: { reason: 'changed jobs', at: now } },
    );

    const review = { decision: 'acceptable', changes: '', reviewers: ['Dr Adams'], reviewedOn: '2026-05-04' };
    await call(
      'GET',
      '/reports/activities/:activityId',
      'committee',
      { activityId },
      { query: 'format=json' },
    );
    await call(
      'POST',
      '/reports/activities/:activityId/reviews',
      'committee',
      { activityId },
      { body: review },
    );
    const programId = 'micro';
    await call('GET', '/reports/programs/:programId', 'committee', { programId }, { query: 'format=json' });
    await call(
      'POST',
      '/reports/programs/:programId/reviews',
      'committee',
      { programId },
      {
        body: { ...review, periodFrom: '2026-01-01', periodTo: '2026-12-31' },
      },
    );

    // The CE office's workspace: the home, programs, the yearly data, disclosures and actions.
    await call('GET', '/reports', 'committee', {}, { query: 'format=json' });
    await call('GET', '/reports/activities', 'committee', {}, { query: 'format=json&q=contract' });
    await call('GET', '/reports/programs', 'committee', {}, { query: 'format=json' });
    await call(
      'PUT',
      '/reports/programs/:programId',
      'staff',
      { programId },
      {
        body: {
          name: 'Microbiology',
          committeeMembers: [{ name: 'Dr Adams' }],
          committeeEmails: ['chair@example.org'],
        },
      },
    );
    await call(
      'GET',
      '/reports/programs/:programId/settings',
      'staff',
      { programId },
      { query: 'format=json' },
    );
    await call('GET', '/reports/annual', 'committee', {}, { query: `year=${new Date().getUTCFullYear()}` });
    const person = await call(
      'POST',
      '/reports/activities/:activityId/disclosures/people',
      'staff',
      { activityId },
      {
        body: { name: 'Dr Faculty', email: 'faculty@example.org', roles: ['faculty'], invite: false },
      },
    );
    const personId = String(person.id);
    await call('POST', '/reports/activities/:activityId/disclosures/people/:personId/invite', 'staff', {
      activityId,
      personId,
    });
    await recordDisclosure(stack.ctx, activityId, personId, {
      nothingToDisclose: false,
      relationships: [{ company: 'Acme', nature: 'Consulting fee' }],
      signedName: 'Dr Faculty',
      attest: true,
    });
    const disclosed = await call(
      'GET',
      '/reports/activities/:activityId/disclosures',
      'committee',
      { activityId },
      { query: 'format=json' },
    );
    const relationshipId = (disclosed.people as Person[])[0].disclosure!.relationships[0].id;
    await call(
      'POST',
      '/reports/activities/:activityId/disclosures/relationships/:relationshipId',
      'staff',
      { activityId, relationshipId },
      {
        body: { relevant: true, mitigation: 'Peer review of the content' },
      },
    );
    await call(
      'POST',
      '/reports/activities/:activityId/reviews',
      'committee',
      { activityId },
      {
        body: {
          ...review,
          decision: 'changes_required',
          changes: 'Shorter cases',
          actions: [{ description: 'Shorten case 2', owner: 'Dr Adams' }],
        },
      },
    );
    const open = await call('GET', '/reports/actions', 'committee', {}, { query: `programId=${programId}` });
    const actionId = (open.actions as { id: string }[])[0].id;
    await call(
      'POST',
      '/reports/actions/:actionId',
      'committee',
      { actionId },
      { body: { status: 'in_progress' } },
    );

    const [unconfirmed] = await stack.db
      .insert(emailOutbox)
      .values({
        kind: 'receipt',
        dedupeKey: 'contract:unconfirmed',
        toAddress: 'learner9@example.org',
        subject: 'Your receipt',
        html: '<p>Thank you</p>',
        text: 'Thank you',
        messageId: '<contract.unconfirmed@ce-outcomes.test>',
        status: 'unconfirmed',
      })
      .returning();
    await call('GET', '/outbox', 'staff');
    await call('POST', '/outbox/:emailId/resend', 'staff', { emailId: unconfirmed.id });

    // Reporting to the regulators: the claim's PARS record, in a batch file (no web service here).
    const ledger = await call('GET', '/reporting', 'staff', {}, { query: 'format=json' });
    const reported = { submissionId: (ledger.submissions as { id: string }[])[0].id };
    await call('GET', '/reporting/submissions/:submissionId', 'staff', reported);
    const a = { activityId };
    await call('PUT', '/reporting/activities/:activityId', 'staff', a, {
      body: { parsActivityId: '202600001' },
    });
    await call('GET', '/reporting/activities/:activityId', 'staff', a);
    const pars = { regulator: 'pars' };
    await call('GET', '/reporting/files/:regulator', 'staff', pars, {
      query: `from=2000-01-01&to=2100-12-31`,
    });
    await call('POST', '/reporting/submissions/:submissionId/correction', 'staff', reported, {
      body: { licenceNumber: 'A 654321', note: 'typo in the licence number' },
    });
    await call('POST', '/reporting/files/:regulator/uploaded', 'staff', pars, {
      body: { submissionIds: [reported.submissionId] },
    });
    await call('POST', '/reporting/submissions/:submissionId/retry', 'staff', reported, { body: {} });
    await call('POST', '/reporting/submissions/:submissionId/confirm', 'staff', reported, { body: {} });
    await call('GET', '/reporting/pars-activities', 'staff', {}, { query: 'year=2026' });
    await call('GET', '/reporting/transports', 'staff');
    await call('PUT', '/reporting/transports/:regulator', 'staff', pars, { body: { url: null } });

    // Stuck enrollments (none here), and a reset of one that waits for its payment.
    await call('GET', '/enrollments/stuck', 'staff');
    const waiting = await call(
      'POST',
      '/activities/:activityId/enrollments',
      'enrollment',
      { activityId },
      {
        body: { learner: { ...learner, id: `${learner.id}-b`, email: 'b.learner@example.org' } },
      },
    );
    await eventually(async () => {
      const handle = stack.client.workflow.getHandle(String(waiting.workflowId));
      return (await handle.describe()).historyLength >= 4;
    });
    await call('POST', '/enrollments/:enrollmentId/reset', 'staff', {
      enrollmentId: String(waiting.enrollmentId),
    });

    // Named API keys: one for a committee member, listed, then revoked.
    const key = await call(
      'POST',
      '/api-keys',
      'staff',
      {},
      {
        body: { name: 'Dr. Amara Okafor', kind: 'person', role: 'committee' },
      },
    );
    await call('GET', '/api-keys', 'staff');
    await call('POST', '/api-keys/:keyId/revoke', 'staff', { keyId: String(key.id) });

    // The Temporal UI's codec server (no payload keys here: payloads come back as they are).
    const payloads = { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'IngiCg==' }] };
    await call('POST', '/codec/encode', 'staff', {}, { body: payloads });
    await call('POST', '/codec/decode', 'staff', {}, { body: payloads });

    // Last: the follow-up above closes after a few seconds.
    await maintenanceStory(learner.id);
  });

  it('checks each 2xx body against the schema its route declares, for every operation in /openapi.json', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, object> }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), url: path.replace(/\{(\w+)\}/g, ':$1') })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const op of operations) {
      const route = routes.find((r) => r.url === op.url && [r.method].flat().includes(op.method));
      expect(route, `${op.method} ${op.url}`).toBeDefined();
      const answered = calls.filter((c) => c.method === op.method && c.url === op.url && c.status < 300);
      expect(answered.length, `no 2xx call of ${op.method} ${op.url} in the story above`).toBeGreaterThan(0);
      for (const c of answered) {
        const schema = declared(route!, c.status, c.type);
        expect(schema, `${op.method} ${op.url} declares no ${c.status} ${c.type}`).toBeDefined();
        if (c.type === 'application/pdf') {
          expect(c.body.startsWith('%PDF')).toBe(true);
          continue;
        }
        const body: unknown = c.type === 'application/json' ? JSON.parse(c.body) : c.body;
        const parsed = schema!.safeParse(body);
        expect(parsed.success, `${op.method} ${op.url} ${c.status}: ${parsed.error?.message}`).toBe(true);
      }
    }
  });

  it('states the input rule on every string a request may carry (a pattern, a format or a list of values)', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; schema: unknown }[];
            requestBody?: { content: Record<string, { schema: unknown }> };
          }
        >
      >;
    }>();
    const unstated: string[] = [];
    const walk = (schema: unknown, where: string): void => {
      if (!schema || typeof schema !== 'object') return;
      if (Array.isArray(schema)) return schema.forEach((s, i) => walk(s, `${where}.${i}`));
      const s = schema as Record<string, unknown>;
      if (
        s.type === 'string' &&
        !['pattern', 'format', 'enum', 'const', 'contentEncoding'].some((k) => k in s)
      )
        unstated.push(where);
      for (const [k, v] of Object.entries(s)) walk(v, `${where}.${k}`);
    };
    let strings = 0;
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) walk(p.schema, `${method} ${path} ${p.name}`);
        for (const [type, c] of Object.entries(op.requestBody?.content ?? {})) {
          walk(c.schema, `${method} ${path} ${type}`);
          strings += JSON.stringify(c.schema).split('"type":"string"').length - 1;
        }
      }
    expect(strings).toBeGreaterThan(100);
    expect(unstated).toEqual([]);
  });
});

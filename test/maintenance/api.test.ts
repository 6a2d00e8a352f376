// Credential maintenance through the API: the LMS adds CE from elsewhere with
// its evidence file, sets a cycle, reads the dashboard (JSON and audit PDF);
// staff edit requirements and review entries; bad input is refused with the
// field named and nothing stored. Real PostgreSQL, Temporal and SMTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startStack, type TestStack } from '../support/stack.js';
import { ascpMlsCertification, sampleActivity } from '../support/fixtures.js';
import { createCeOutcomesClient } from '../../src/client/index.js';
import { ceEntries, ceEvidence } from '../../src/db/schema/index.js';

let stack: TestStack;
let pdf: Buffer;

const learner = {
  id: 'cmp-1',
  name: 'Ana Ruiz',
  email: 'ana@example.org',
  profession: 'laboratory_professional' as const,
  credentials: [
    ascpMlsCertification,
    {
      kind: 'state_licence' as const,
      state: 'FL',
      subtype: 'technologist',
      category: 'microbiology',
      identifier: 'TN1',
    },
  ],
};
const MLS = 'ascp_certification:MLS';
const FL = 'state_licence:FL:technologist:microbiology';

beforeAll(async () => {
  stack = await startStack();
  const api = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
  await api.putActivity('cmp-101', sampleActivity());
  await api.enroll('cmp-101', { learner });
  await api.enroll('cmp-101', { learner: { ...learner, id: 'cmp-2', email: 'other@example.org' } });
  const doc = await PDFDocument.create();
  doc.addPage();
  pdf = Buffer.from(await doc.save());
});
afterAll(async () => {
  await stack?.close();
});

const call = (path: string, init: RequestInit & { as?: 'enrollment' | 'staff' } = {}) =>
  fetch(`${stack.baseUrl}${path}`, {
    ...init,
    headers: { ...stack.auth[init.as ?? 'enrollment'], ...init.headers },
  });
const read = (res: Response): Promise<any> => res.json();
const json = (body: unknown) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

function entryForm(
  fields: Record<string, string>,
  file: { bytes: Buffer; name: string } | null = { bytes: pdf, name: 'certificate.pdf' },
) {
  const form = new FormData();
  const all = {
    title: 'Blood bank update',
    provider: 'AABB',
    completedOn: '2026-03-01',
    amount: '2',
    kind: 'course',
    topics: 'blood_banking',
    ...fields,
  };
  for (const [k, v] of Object.entries(all)) form.append(k, v);
  if (file) form.append('evidence', new Blob([file.bytes]), file.name);
  return { method: 'POST', body: form };
}

const mls = async (learnerId = 'cmp-1') => {
  const res = await call(`/learners/${learnerId}/maintenance`);
  expect(res.status).toBe(200);
  const body = await read(res);
  return body.credentials.find((c: { credentialKey: string }) => c.credentialKey === MLS);
};

describe('credential maintenance API', () => {
  it('shows each credential with its requirement, cycle, earned and needed', async () => {
    const c = await mls();
    expect(c).toMatchObject({
      requirement: { id: 'ascp-mls', total: 36, unit: 'points' },
      cycle: { startsOn: '2025-01-01', endsOn: '2027-12-31' },
      needed: 36,
      earned: 0,
    });
    expect(c.topics.map((t: { id: string; needed: number }) => [t.id, t.needed])).toEqual([
      ['blood_banking', 2],
      ['chemistry', 2],
      ['hematology', 2],
      ['microbiology', 2],
      ['safety', 1],
      ['ethics', 1],
    ]);
  });

  it('adds CE from elsewhere with its evidence file, and the dashboard counts it', async () => {
    const res = await call('/learners/cmp-1/ce-entries', entryForm({}));
    expect(res.status).toBe(201);
    const entry = await read(res);
    expect(entry).toMatchObject({
      title: 'Blood bank update',
      amount: 2,
      kind: 'course',
      status: 'submitted',
      evidence: { contentType: 'application/pdf', filename: 'certificate.pdf' },
    });
    const c = await mls();
    expect(c.earned).toBe(2);
    expect(c.topics[0]).toMatchObject({ id: 'blood_banking', earned: 2, met: true });
    // Florida takes courses too, but blood banking is none of its required topics.
    const fl = (await await read(await call('/learners/cmp-1/maintenance'))).credentials.find(
      (x: { credentialKey: string }) => x.credentialKey === FL,
    );
    expect(fl).toMatchObject({ cycle: null, earned: 0 });
  });

  it('refuses bad entries naming the field, and stores nothing', async () => {
    const cases: [RequestInit, string][] = [
      [entryForm({ amount: '-1' }), 'body.amount'],
      [entryForm({ completedOn: '9999-01-01' }), 'body.completedOn'],
      [entryForm({ title: 'a\u0000b' }), 'body.title'],
      [entryForm({ kind: 'lunch' }), 'body.kind'],
      [entryForm({}, { bytes: Buffer.from('just text, not a pdf'), name: 'fake.pdf' }), 'body.evidence'],
      [entryForm({}, { bytes: Buffer.alloc(6_000_000, 0x25), name: 'big.pdf' }), 'body.evidence'],
      [entryForm({}, null), 'body.evidence'],
    ];
    for (const [init, field] of cases) {
      const res = await call('/learners/cmp-1/ce-entries', init);
      expect(res.status, field).toBe(400);
      expect(await res.text()).toContain(field);
    }
    expect(await stack.db.select().from(ceEntries)).toHaveLength(1);
    expect(await stack.db.select().from(ceEvidence)).toHaveLength(1);
    expect((await call('/learners/nobody/ce-entries', entryForm({}))).status).toBe(404);
  });

  it('sets a cycle from its end alone, and refuses another learner’s credential', async () => {
    const res = await call(`/learners/cmp-1/credentials/${encodeURIComponent(FL)}/cycle`, {
      method: 'PUT',
      ...json({ cycleEndsOn: '2027-01-31' }),
    });
    expect(res.status).toBe(200);
    expect((await read(res)).cycle).toEqual({ startsOn: '2025-02-01', endsOn: '2027-01-31' });
    const other = await call(
      `/learners/cmp-2/credentials/${encodeURIComponent('state_licence:CA:cls')}/cycle`,
      { method: 'PUT', ...json({ cycleEndsOn: '2027-01-31' }) },
    );
    expect(other.status).toBe(404);
  });

  it('serves the audit PDF, which reads back', async () => {
    const res = await call('/learners/cmp-1/maintenance.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const doc = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items
      .map((i) => ('str' in i ? i.str : ''))
      .join(' ');
    expect(text).toContain('Credential maintenance record');
    expect(text).toContain('2 of 36 points');
    expect(text).toContain('Blood bank update');
  });

  it('lets staff edit a requirement and review entries; the learner is emailed when more is needed', async () => {
    const list = await await read(await call('/credential-requirements', { as: 'staff' }));
    expect(list.requirements.map((r: { id: string }) => r.id)).toEqual([
      'ascp-mls',
      'ascp-mlt',
      'ca-cls',
      'ca-phlebotomy',
      'fl-lab',
    ]);
    const mlsReq = list.requirements[0];
    const { id: _id, ...body } = mlsReq;
    const put = await call('/credential-requirements/ascp-mls', {
      method: 'PUT',
      as: 'staff',
      ...json({ ...body, total: 40 }),
    });
    expect(put.status).toBe(200);
    expect((await mls()).needed).toBe(40);
    const bad = await call('/credential-requirements/ascp-mls', {
      method: 'PUT',
      as: 'staff',
      ...json({ ...body, total: -1 }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('total');

    const queue = await await read(await call('/ce-entries', { as: 'staff' }));
    const entryId = queue.entries[0].entryId;
    const file = await call(`/ce-entries/${entryId}/evidence`, { as: 'staff' });
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await call(`/ce-entries/${entryId}/evidence`)).status).toBe(401);
    const noNote = await call(`/ce-entries/${entryId}/review`, {
      method: 'POST',
      as: 'staff',
      ...json({ status: 'needs_more' }),
    });
    expect(noNote.status).toBe(400);
    const asked = await call(`/ce-entries/${entryId}/review`, {
      method: 'POST',
      as: 'staff',
      ...json({ status: 'needs_more', note: 'Please add the attendance letter.' }),
    });
    expect((await read(asked)).status).toBe('needs_more');
    const mail = await stack.capture.waitFor((m) => m.subject.includes('More is needed'));
    expect(mail.text).toContain('Please add the attendance letter.');
    const verified = await call(`/ce-entries/${entryId}/review`, {
      method: 'POST',
      as: 'staff',
      ...json({ status: 'verified' }),
    });
    expect((await read(verified)).status).toBe('verified');
  });
});

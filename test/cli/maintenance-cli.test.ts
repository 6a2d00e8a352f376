// Staff keep credential maintenance from a terminal: they list and change a
// requirement set (the learner's dashboard follows at once), review CE from
// elsewhere, and split a learner's credit among topic requirements by hand.
// Bad input is one line naming what is wrong, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, type TestStack } from '../support/stack.js';
import { runCli } from '../support/cli.js';
import { ascpMlsCertification, sampleActivity } from '../support/fixtures.js';
import { createCeOutcomesClient } from '../../src/client/index.js';

let stack: TestStack;
let dir: string;
const MLS = 'ascp_certification:MLS';
const learner = {
  id: 'cli-mls-1',
  name: 'Ana Ruiz',
  email: 'ana@example.org',
  profession: 'laboratory_professional' as const,
  credentials: [ascpMlsCertification],
};

beforeAll(async () => {
  stack = await startStack();
  dir = await mkdtemp(join(tmpdir(), 'cli-maintenance-'));
  const api = createCeOutcomesClient({ baseUrl: stack.baseUrl, token: stack.config.API_TOKEN });
  await api.putActivity('cli-cmp-101', sampleActivity());
  await api.enroll('cli-cmp-101', { learner });
  // CE from elsewhere covering two topic areas, as the LMS sends it.
  const form = new FormData();
  const fields = { title: 'Transfusion chemistry', provider: 'AABB', completedOn: '2026-03-01', amount: '2' };
  for (const [k, v] of Object.entries({ ...fields, kind: 'course', topics: 'blood_banking,chemistry' }))
    form.append(k, v);
  form.append('evidence', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'letter.pdf');
  const res = await fetch(`${stack.baseUrl}/learners/${learner.id}/ce-entries`, {
    method: 'POST',
    headers: stack.auth.enrollment,
    body: form,
  });
  expect(res.status).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

const staff = (...args: string[]) => runCli(stack, stack.config.STAFF_TOKEN, ...args);
const dashboard = async () =>
  JSON.parse((await staff('credentials', learner.id, '--json')).stdout).credentials.find(
    (c: { credentialKey: string }) => c.credentialKey === MLS,
  );

describe('credential maintenance from the CLI', () => {
  it('lists the requirement sets and replaces one; the dashboard follows at once', async () => {
    const list = await staff('requirements');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/ascp-mls\s+.*36 points\s+3 y/);
    const shown = await staff('requirement', 'show', 'ascp-mls');
    const { id: _id, ...body } = JSON.parse(shown.stdout);
    const file = join(dir, 'mls.json');
    await writeFile(file, JSON.stringify({ ...body, total: 40 }));
    const put = await staff('requirement', 'put', 'ascp-mls', file);
    expect(put).toMatchObject({ code: 0, stdout: 'requirement ascp-mls replaced\n' });
    expect((await dashboard()).needed).toBe(40);

    await writeFile(file, JSON.stringify({ ...body, total: -1 }));
    const bad = await staff('requirement', 'put', 'ascp-mls', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('total');
    expect((await dashboard()).needed).toBe(40);
    expect((await staff('requirement', 'show', 'no-such-set')).stderr).toMatch(
      /^ce-outcomes requirement: HTTP 404/,
    );
  });

  it('reviews CE from elsewhere: a request for more needs its note, then the entry is verified', async () => {
    const queue = await staff('ce-entries');
    expect(queue.stdout).toContain('Transfusion chemistry');
    const entryId = queue.stdout.split('\n')[2].split(/\s+/)[0];
    const noNote = await staff('ce-entry', 'review', entryId, '--needs-more', ' ');
    expect(noNote).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('needs-more: say what is missing'),
    });
    const both = await staff('ce-entry', 'review', entryId, '--verified', '--needs-more', 'letter');
    expect(both.code).toBe(1);
    expect(await staff('ce-entry', 'review', entryId, '--verified')).toMatchObject({
      code: 0,
      stdout: `entry ${entryId}: verified\n`,
    });
    expect((await staff('ce-entries', 'verified')).stdout).toContain(entryId);
    expect((await staff('ce-entries', 'lost')).stderr).toContain('status: expected one of submitted');
  });

  it('moves credit by hand between topic requirements, refuses an unknown one, and resets', async () => {
    const before = await dashboard();
    const source = before.sources.find((s: { title: string }) => s.title === 'Transfusion chemistry');
    const moved = await staff('credit', 'move', learner.id, MLS, source.id, 'chemistry=2', 'blood_banking=0');
    expect(moved.code).toBe(0);
    const after = await dashboard();
    const topic = (id: string) => after.topics.find((t: { id: string }) => t.id === id);
    expect(topic('chemistry')).toMatchObject({ earned: 2, met: true });
    expect(topic('blood_banking')).toMatchObject({ earned: 0, met: false });
    expect(after.moved).toEqual([source.id]);

    const unknown = await staff('credit', 'move', learner.id, MLS, source.id, 'astrology=1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('body.split.astrology');
    const notNumber = await staff('credit', 'move', learner.id, MLS, source.id, 'chemistry=two');
    expect(notNumber.stderr).toContain('chemistry: expected a number, got "two"');
    expect((await dashboard()).moved).toEqual([source.id]);

    expect((await staff('credit', 'reset', learner.id, MLS)).code).toBe(0);
    expect((await dashboard()).moved).toEqual([]);
  });
});

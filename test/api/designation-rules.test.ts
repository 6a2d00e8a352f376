// Designation rules at PUT /activities/:id, through the public API: each
// mistake a provider can make (RULES.md "Designation rules a provider can get
// wrong") is a 400 naming the field, nothing stored; a maximum raised after
// startsAt is refused, lowered is taken and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startStack, type TestStack } from '../support/stack.js';
import { sampleActivity } from '../support/fixtures.js';
import { policyWith } from '../lifecycle/story.js';
import { activities, designationChanges } from '../../src/db/schema/index.js';
import type { PolicyInput } from '../../src/domain/policy.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const put = (id: string, body: unknown) =>
  fetch(`${stack.baseUrl}/activities/${id}`, {
    method: 'PUT',
    headers: { ...stack.auth.enrollment, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A live one-day activity (8 hours) in the future, designated as told. */
function liveDay(credits: PolicyInput['credits'], day = '2030-05-04') {
  return {
    ...sampleActivity({ format: 'live', startsAt: `${day}T08:00:00Z`, endsAt: `${day}T16:00:00Z` }),
    policy: policyWith({ credits }),
  };
}

async function refusedAt(id: string, body: unknown, field: string, message: RegExp) {
  const res = await put(id, body);
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: string };
  expect(error).toContain(field);
  expect(error).toMatch(message);
  expect(await stack.db.select().from(activities).where(eq(activities.id, id))).toEqual([]);
}

describe('PUT /activities: designation rules', () => {
  it('refuses each mistake with a 400 naming the field, and stores nothing', async () => {
    await refusedAt(
      'pace-9-5',
      liveDay([{ type: 'pace', maxCredits: 9.5 }]),
      'body.policy.credits.0.maxCredits',
      /at most 7 contact hours a day: 7 for 1 day, not 9\.5/,
    );
    await refusedAt(
      'pace-0-75',
      liveDay([{ type: 'pace', maxCredits: 0.75 }]),
      'body.policy.credits.0.maxCredits',
      /at least 1 contact hour/,
    );
    // California is a licence that accepts credit, not a credit type of its own.
    await refusedAt(
      'ca-0-75',
      liveDay([{ type: 'ca_cls', maxCredits: 0.75 } as never]),
      'body.policy.credits.0.type',
      /./,
    );
    await refusedAt(
      'uan-0123',
      liveDay([{ type: 'acpe', maxCredits: 2, uan: '0001-0123-26-001-L01-P' }]),
      'body.policy.credits.0.uan',
      /0000 \(no joint provider\) or 9999 \(joint providership\), not 0123/,
    );
    await refusedAt(
      'uan-h-live',
      liveDay([{ type: 'acpe', maxCredits: 2, uan: '0001-0000-26-001-H01-P' }]),
      'body.policy.credits.0.uan',
      /format letter is L for a live activity, not H/,
    );
    await refusedAt(
      'home-study-4y',
      sampleActivity({ startsAt: '2030-01-01T00:00:00Z', endsAt: '2034-01-01T00:00:00Z' }),
      'body.endsAt',
      /at most 3 years.*end by 2033-01-01/,
    );
    // Within the rules: 7 contact hours on one day, a 9999 live UAN, home study of 3 years.
    expect(
      (
        await put(
          'within',
          liveDay([
            { type: 'pace', maxCredits: 7 },
            { type: 'acpe', maxCredits: 7, uan: '0001-9999-26-001-L01-T' },
          ]),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await put(
          'home-3y',
          sampleActivity({ startsAt: '2030-01-01T00:00:00Z', endsAt: '2033-01-01T00:00:00Z' }),
        )
      ).status,
    ).toBe(201);
  });

  it('freezes a designated maximum once the activity starts: raising refused, lowering audited', async () => {
    const id = 'started-activity';
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const started = (max: number) => liveDay([{ type: 'ama_pra_1', maxCredits: max }], yesterday);
    expect((await put(id, started(3))).status).toBe(201);

    const raised = await put(id, started(4));
    expect(raised.status).toBe(400);
    const { error } = (await raised.json()) as { error: string };
    expect(error).toContain('body.policy.credits.0.maxCredits');
    expect(error).toMatch(/may not be raised from 3 to 4 after startsAt/);
    // Moving startsAt later does not reopen it.
    const moved = { ...started(4), startsAt: '2031-01-01T08:00:00Z', endsAt: '2031-01-01T16:00:00Z' };
    expect((await put(id, moved)).status).toBe(400);
    const [stored] = await stack.db.select().from(activities).where(eq(activities.id, id));
    expect(stored.policy.credits[0].maxCredits).toBe(3);

    expect((await put(id, started(2.5))).status).toBe(200);
    expect(
      (await stack.db.select().from(designationChanges).where(eq(designationChanges.activityId, id))).map(
        (c) => [c.creditType, c.fromMax, c.toMax, c.afterStart],
      ),
    ).toEqual([['ama_pra_1', 3, 2.5, true]]);
  });
});

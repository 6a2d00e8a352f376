// When the claim step queues the follow-up ahead, and for when: the moment the
// workflow's timer fires, as PostgreSQL knows it, or not at all when unsure.
import { describe, expect, it } from 'vitest';
import { followUpDueAt, SCHEDULE_AHEAD_MIN_MS } from '../../activities/enrollment/scheduled-follow-up.js';
import type { Parties } from '../../activities/enrollment/emails.js';
import { samplePolicy } from '../support/fixtures.js';
import { policySchema } from '../../src/domain/policy-schema.js';

const now = new Date('2026-03-01T12:00:00Z');
const day = 86_400_000;

function parties(over: {
  format?: 'live' | 'enduring';
  endsAt?: Date;
  completedAt?: Date | null;
  updatedAt?: Date;
  delay?: string;
  enabled?: boolean;
  workflowVersion?: number;
}): Parties {
  const policy = policySchema.parse({
    ...samplePolicy,
    followUp: { enabled: over.enabled ?? true, delay: over.delay ?? '90d', reminders: [], closeAfter: '30d' },
  });
  return {
    enrollment: {
      id: 'e1',
      policy,
      workflowVersion: over.workflowVersion ?? 2,
      enrolledAt: new Date(now.getTime() - 2 * day),
      attendanceCompletedAt:
        over.completedAt === undefined ? new Date(now.getTime() - day) : over.completedAt,
    },
    activity: {
      format: over.format ?? 'enduring',
      endsAt: over.endsAt ?? new Date(now.getTime() + 10 * day),
      updatedAt: over.updatedAt ?? new Date(now.getTime() - 3 * day),
      policy,
    },
  } as unknown as Parties;
}

describe('the follow-up queued ahead', () => {
  it('is due at completion + delay for an enduring activity (90 days after)', () => {
    expect(followUpDueAt(parties({}), now)).toEqual(new Date(now.getTime() - day + 90 * day));
  });

  it('is due at the end + delay for a live activity, whenever the learner completed', () => {
    const endsAt = new Date(now.getTime() - 2 * 3_600_000);
    expect(followUpDueAt(parties({ format: 'live', endsAt }), now)).toEqual(
      new Date(endsAt.getTime() + 90 * day),
    );
  });

  it('is left to the workflow step when the activity changed after the enrollment began', () => {
    expect(followUpDueAt(parties({ updatedAt: new Date(now.getTime() - day) }), now)).toBeUndefined();
  });

  it('is left to the step when due within 5 s, when there is no follow-up, for v1 runs, or with no completion', () => {
    expect(SCHEDULE_AHEAD_MIN_MS).toBe(5_000);
    const completedAt = new Date(now.getTime() - 1_000);
    expect(followUpDueAt(parties({ completedAt, delay: '5s' }), now)).toBeUndefined();
    expect(followUpDueAt(parties({ completedAt, delay: '6s' }), now)).toEqual(
      new Date(now.getTime() + 5_000),
    );
    expect(followUpDueAt(parties({ enabled: false }), now)).toBeUndefined();
    expect(followUpDueAt(parties({ workflowVersion: 1 }), now)).toBeUndefined();
    expect(followUpDueAt(parties({ completedAt: null }), now)).toBeUndefined();
  });
});

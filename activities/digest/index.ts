// The committee digest's side effects: find each program's window, email the
// digest through the outbox (once per program and window), advance lastDigestAt.
import type { ActivityDeps } from '../index.js';
import { sendOnce, type SendOutcome } from '../../src/outbox/outbox.js';
import {
  advanceDigest,
  digestDedupeKey,
  digestPrograms,
  digestWindow,
  renderDigest,
} from '../../src/reports/digest/digest.js';

export interface ProgramDigestResult {
  programId: string;
  /** Activities whose follow-up closed in the window. */
  activities: number;
  outcome: SendOutcome | 'nothing_new' | 'up_to_date';
}

export function createDigestActivities(deps: ActivityDeps) {
  return {
    /** Programs whose committee receives digests. */
    async listDigestPrograms(): Promise<string[]> {
      return digestPrograms(deps.db);
    },

    /**
     * One program's digest up to `until` (the workflow's start time, so a retry
     * covers the same window and finds the same outbox row).
     */
    async sendProgramDigest(input: { programId: string; until: string }): Promise<ProgramDigestResult> {
      const window = await digestWindow(deps.db, input.programId, new Date(input.until));
      if (!window) return { programId: input.programId, activities: 0, outcome: 'up_to_date' };
      if (window.activities.length === 0) {
        await advanceDigest(deps.db, window);
        return { programId: input.programId, activities: 0, outcome: 'nothing_new' };
      }
      const email = await renderDigest(deps.db, window, deps.config);
      const { outcome } = await sendOnce(deps, {
        enrollmentId: null,
        kind: 'digest',
        dedupeKey: digestDedupeKey(window),
        to: window.to.join(', '),
        ...email,
      });
      await advanceDigest(deps.db, window);
      return { programId: input.programId, activities: window.activities.length, outcome };
    },
  };
}

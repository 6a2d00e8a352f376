// The credential reminders' side effects: read where a credential stands,
// queue the reminder email (once per cycle and offset), list and mark the
// credentials the sweep starts watching. Each is idempotent.
import { log } from '@temporalio/activity';
import type { ActivityDeps } from '../index.js';
import {
  checkCredential,
  credentialsToWatch,
  markWatched,
  sendReminder,
  type CredentialCheck,
  type WatchCandidate,
} from '../../src/maintenance/reminders.js';

export function createMaintenanceActivities(deps: ActivityDeps) {
  return {
    async checkCredential(input: { learnerId: string; credentialKey: string }): Promise<CredentialCheck> {
      return checkCredential(deps, input.learnerId, input.credentialKey);
    },

    async sendCredentialReminder(input: {
      learnerId: string;
      credentialKey: string;
      cycleEndsOn: string;
      offset: string;
    }): Promise<'queued' | 'not_needed'> {
      const outcome = await sendReminder(deps, input);
      if (outcome === 'queued') deps.mailQueued?.();
      log.info('credential reminder', { credentialKey: input.credentialKey, offset: input.offset, outcome });
      return outcome;
    },

    async credentialsToWatch(): Promise<WatchCandidate[]> {
      return credentialsToWatch(deps);
    },

    async markWatched(list: WatchCandidate[]): Promise<void> {
      await markWatched(deps, list);
    },
  };
}

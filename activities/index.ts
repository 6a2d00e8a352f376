// Every side effect the workflows ask for, built over real dependencies so
// tests hand in loopback parts instead of mocks.
import type { Config } from '../src/config.js';
import type { Clock } from '../src/context.js';
import type { Database } from '../src/db/client.js';
import type { Mailer } from '../src/platform/mail/mailer.js';
import { createLifecycleActivities } from './lifecycle/index.js';
import { createDigestActivities } from './digest/index.js';

export interface ActivityDeps {
  db: Database;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'PUBLIC_URL' | 'LINK_SECRET'>;
}

export function createActivities(deps: ActivityDeps) {
  return { ...createLifecycleActivities(deps), ...createDigestActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;

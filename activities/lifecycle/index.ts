import type { ActivityDeps } from '../index.js';

export function createLifecycleActivities(_deps: ActivityDeps) {
  return {};
}

import type { ActivityDeps } from '../index.js';

export function createDigestActivities(_deps: ActivityDeps) {
  return {};
}

import type { AppContext } from '../../context.js';
import type { RouteRegistry } from '../route.js';

export function registerLearnerRoutes(_routes: RouteRegistry, _ctx: AppContext): void {
  // Filled in by its issue.
}

// The HTTP server: the app (src/http/api.ts) with each surface's routes.
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { certificateRoutes } from '../certificates/routes.js';
import { enrollmentApiRoutes } from '../enrollment-api/routes.js';
import { learnerRoutes } from '../learner/routes.js';
import { maintenanceRoutes } from '../maintenance/routes.js';
import { maintenanceStaffRoutes } from '../maintenance/staff-routes.js';
import { maintenanceLearnerRoutes } from '../maintenance/learner-routes.js';
import { disclosureRoutes } from '../disclosures/routes.js';
import { reportRoutes } from '../reports/routes.js';
import { staffRoutes } from '../staff/routes.js';
import { reportingRoutes } from '../reporting/routes.js';
import { providerRoutes } from '../provider/routes.js';
import { createApi, type Api, type Routes } from './api.js';
import { systemRoutes } from './system-routes.js';
import { identityRoutes } from '../identity/routes.js';

/** Every surface's routes, in the order the OpenAPI document lists them. */
export const SURFACES: Routes[] = [
  systemRoutes,
  enrollmentApiRoutes,
  learnerRoutes,
  disclosureRoutes,
  certificateRoutes,
  reportRoutes,
  staffRoutes,
  maintenanceRoutes,
  maintenanceStaffRoutes,
  maintenanceLearnerRoutes,
  reportingRoutes,
  identityRoutes,
  providerRoutes,
];

export async function buildServer(ctx: AppContext, logger?: FastifyBaseLogger): Promise<Api> {
  const app = await createApi(ctx, logger);
  for (const routes of SURFACES) await app.register(routes, { ctx });
  return app;
}

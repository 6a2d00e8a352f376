// The HTTP server: one Fastify app with a route module per kind of user.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { AppContext } from '../context.js';
import { RouteRegistry } from './route.js';
import { registerErrorHandler } from './errors.js';
import { registerSystemRoutes } from './system-routes.js';
import { registerEnrollmentRoutes } from '../enrollment-api/routes.js';
import { registerLearnerRoutes } from '../learner/routes.js';
import { registerReportRoutes } from '../reports/routes.js';

export async function buildServer(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.config.LOG_LEVEL === 'silent' ? false : { level: ctx.config.LOG_LEVEL },
  });
  await app.register(formbody);
  const routes = new RouteRegistry(app, ctx.config);

  registerErrorHandler(app);

  registerSystemRoutes(routes, ctx);
  registerEnrollmentRoutes(routes, ctx);
  registerLearnerRoutes(routes, ctx);
  registerReportRoutes(routes, ctx);
  return app;
}

// The HTTP server: one Fastify app with a route module per kind of user.
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { AppContext } from '../context.js';
import { HttpError, RouteRegistry } from './route.js';
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

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) {
      return reply
        .status(err.status)
        .send({ error: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      // Fastify's own refusals: unparseable JSON, wrong content type, body too large.
      return reply.status(status).send({ error: `body: ${(err as Error).message}` });
    }
    req.log.error(err);
    return reply.status(500).send({ error: 'internal error' });
  });

  registerSystemRoutes(routes, ctx);
  registerEnrollmentRoutes(routes, ctx);
  registerLearnerRoutes(routes, ctx);
  registerReportRoutes(routes, ctx);
  return app;
}

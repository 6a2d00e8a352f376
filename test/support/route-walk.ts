// The app built route by route, keeping each route's options: tests that
// walk every route (the OpenAPI contract, the security headers) start here.
import type { RouteOptions } from 'fastify';
import type { AppContext } from '../../src/context.js';
import { createApi, type Api } from '../../src/http/api.js';
import { SURFACES } from '../../src/http/server.js';

export async function appWithRoutes(ctx: AppContext): Promise<{ app: Api; routes: RouteOptions[] }> {
  const routes: RouteOptions[] = [];
  const app = await createApi(ctx);
  app.addHook('onRoute', (route) => void routes.push(route));
  for (const surface of SURFACES) await app.register(surface, { ctx });
  await app.ready();
  return { app, routes };
}

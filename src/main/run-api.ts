// Starting the HTTP API, shared by `npm start` and the production API process.
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../http/server.js';
import type { AppContext } from '../context.js';
import type { Logger } from '../platform/logger.js';
import { precompileEmailTemplates } from '../platform/mail/render.js';
import { StartupError } from './wiring.js';

export async function startApi(ctx: AppContext, logger: Logger): Promise<FastifyInstance> {
  // The API sends emails too (a new link, a reissued certificate): a broken template stops start-up.
  await precompileEmailTemplates();
  const app = await buildServer(ctx, logger);
  try {
    await app.listen({ host: ctx.config.HOST, port: ctx.config.PORT });
  } catch (err) {
    await app.close();
    throw new StartupError(
      `api: cannot listen on ${ctx.config.HOST}:${ctx.config.PORT} (${(err as Error).message.split('\n')[0]})`,
    );
  }
  return app;
}

/** Where the API answers, for the start-up banner. */
export function apiUrl(ctx: AppContext): string {
  const host = ['0.0.0.0', '::'].includes(ctx.config.HOST) ? 'localhost' : ctx.config.HOST;
  return `http://${host}:${ctx.config.PORT}`;
}

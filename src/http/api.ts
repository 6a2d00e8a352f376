// The Fastify app every surface registers its routes on: zod validates
// requests and responses (fastify-type-provider-zod), handlers are typed from
// the same schemas, auth is one hook driven by each route's `config.auth`,
// errors are mapped in one handler, and the OpenAPI document is generated.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import formbody from '@fastify/formbody';
import {
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { registerAuth } from './auth.js';
import { registerErrorHandler } from './errors.js';
import { MAX_PATH_PARAM_LENGTH, registerOpenApi } from './openapi.js';
import { registerInputRule } from './input-rule.js';
import { registerRequestDeadline } from './deadline.js';
import { registerSecurity } from './security.js';
import { registerMethodNotAllowed } from './method-not-allowed.js';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A surface's routes: a plugin given the app's shared parts. */
export type Routes = FastifyPluginAsyncZod<{ ctx: AppContext }>;

/** Bytes sent as they are (a PDF): documented as a binary string. */
export const bytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });

/** A response that is not JSON, documented by its content type (an HTML page, a PDF, a CSV file). */
export function content<S extends z.ZodType>(description: string, types: Record<string, S>) {
  return {
    description,
    content: Object.fromEntries(Object.entries(types).map(([type, schema]) => [type, { schema }])),
  } as { description: string; content: Record<string, { schema: S }> };
}

export async function createApi(ctx: AppContext, logger?: FastifyBaseLogger): Promise<Api> {
  const { config } = ctx;
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // Behind a reverse proxy, the client's address (for rate limits) is in X-Forwarded-For.
    trustProxy: config.TRUST_PROXY === 'true',
    maxParamLength: MAX_PATH_PARAM_LENGTH,
    // The router's own refusals (a path parameter too long, a malformed escape) as the
    // documented 400 in the app's error shape, not Fastify's undocumented 414.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const why =
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? `a path parameter is at most ${MAX_PATH_PARAM_LENGTH} characters`
          : 'not a valid URL (a malformed %-escape)';
      void reply.status(400).send({ error: `path: ${why}` });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(formbody);
  registerErrorHandler(app);
  registerRequestDeadline(app);
  await registerSecurity(app, config);
  registerAuth(app, ctx);
  registerInputRule(app);
  registerMethodNotAllowed(app);
  await registerOpenApi(app, config);
  return app;
}

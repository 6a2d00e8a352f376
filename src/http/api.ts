// The Fastify app every surface registers its routes on: zod validates
// requests and responses (fastify-type-provider-zod), handlers are typed from
// the same schemas, auth is one hook driven by each route's `config.auth`,
// errors are mapped in one handler, and the OpenAPI document is generated.
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
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
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import { registerAuth } from './auth.js';
import { registerErrorHandler } from './errors.js';
import { registerOpenApi } from './openapi.js';
import { registerInputRule } from './input-rule.js';
import { registerRequestDeadline } from './deadline.js';

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

export async function createApi(config: Config, logger?: FastifyBaseLogger): Promise<Api> {
  const app = Fastify(
    logger ? { loggerInstance: logger } : { logger: false },
  ).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(formbody);
  registerErrorHandler(app);
  registerRequestDeadline(app);
  registerAuth(app, config);
  registerInputRule(app);
  await registerOpenApi(app, config);
  return app;
}

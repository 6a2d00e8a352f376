// The one place errors become HTTP answers: domain errors by class, request
// validation by field, Fastify's own refusals, and anything else as a logged 500.
// Every error body is { error: "<where>: <what>", details?: … }.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  asUnavailable,
  Conflict,
  DependencyFailed,
  DomainError,
  Invalid,
  NotFound,
  Pending,
  Refused,
  Unavailable,
} from '../domain/errors.js';

/** Every refusal's body. */
export const apiErrorSchema = z.object({ error: z.string(), details: z.unknown().optional() });

/** The caller's credentials are missing or wrong (HTTP only: nothing below HTTP knows callers). */
export class Unauthorized extends Error {}

const STATUS = new Map<abstract new (...args: never[]) => DomainError, number>([
  [NotFound, 404],
  [Conflict, 409],
  [Invalid, 400],
  [Refused, 422],
  [Unavailable, 503],
  [Pending, 202],
  [DependencyFailed, 502],
]);

/** The status a domain error answers with (500 for a class nobody mapped). */
export function statusOf(err: DomainError): number {
  for (const [type, status] of STATUS) if (err instanceof type) return status;
  return 500;
}

const where: Record<string, string> = {
  querystring: 'query',
  params: 'params',
  body: 'body',
  headers: 'headers',
};

/** "body.claims.0.credits: Too big: …; body.relevance: …", one part per problem. */
export function describeValidation(err: FastifyError): string {
  const context = where[err.validationContext ?? 'body'] ?? 'body';
  return (err.validation ?? [])
    .map((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      return `${[context, ...path].join('.')}: ${v.message}`;
    })
    .join('; ');
}

function send(reply: FastifyReply, status: number, error: string, details?: unknown) {
  return reply.status(status).send({ error, ...(details !== undefined ? { details } : {}) });
}

/**
 * The driver's own words for the log (an error code and address), from the
 * innermost cause: the wrappers' messages may quote a query and its values.
 */
function rootCause(err: unknown): string {
  let e = err as { message?: string; cause?: unknown };
  for (let depth = 0; e.cause && typeof e.cause === 'object' && depth < 6; depth++) e = e.cause as typeof e;
  return String(e.message ?? e).slice(0, 300);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const err: unknown = error;
    if (err instanceof Unauthorized) return send(reply, 401, err.message);
    const outage = err instanceof DomainError ? undefined : asUnavailable(err);
    if (outage) {
      req.log.warn({ cause: rootCause(err) }, outage.message);
      reply.header('retry-after', String(outage.retryAfterSeconds));
      return send(reply, 503, outage.message);
    }
    if (err instanceof DomainError) {
      const status = statusOf(err);
      if (err instanceof Unavailable) reply.header('retry-after', String(err.retryAfterSeconds));
      if (err instanceof Pending) reply.header('retry-after', '2');
      if (status >= 500) req.log.warn({ err }, err.message);
      return send(reply, status, err.message, err.details);
    }
    if (error.validation) return send(reply, 400, describeValidation(error));
    const status = error.statusCode;
    // Fastify's own refusals: unparseable JSON, wrong content type, body too large.
    if (status && status >= 400 && status < 500) return send(reply, status, `body: ${error.message}`);
    req.log.error({ err: error }, 'request failed');
    return send(reply, 500, 'internal error');
  });
}

// Every request answers in bounded time. An outage answers 503 within a few
// seconds on its own (the database's connect timeout, the Temporal client's
// call deadline; src/http/errors.ts maps both); this is the net under
// anything that still waits, e.g. a query on a connection whose server
// vanished without closing it. The longest wait a request has on purpose is
// a submission's wait for its step, so the net sits a little above it.
import type { FastifyInstance, RouteOptions } from 'fastify';
import { OUTAGE_RETRY_AFTER_SECONDS, Unavailable } from '../domain/errors.js';
import { SUBMISSION_WAIT_MS } from '../enrollment/submissions.js';
import { apiErrorSchema } from './errors.js';

export const REQUEST_DEADLINE_MS = SUBMISSION_WAIT_MS + 5_000;

const outage = apiErrorSchema.describe(
  'The database or Temporal is down or not answering: nothing was lost; send the same request again after Retry-After seconds',
);

/** The route's handler, raced against the deadline; and 503 in its documented answers. */
function bounded(route: RouteOptions, ms: number): void {
  const handler = route.handler;
  route.handler = function (req, reply) {
    const result: unknown = handler.call(this, req, reply);
    // A handler that answers through the reply itself (static files, Swagger UI) is left alone.
    if (!(result instanceof Promise)) return result as ReturnType<typeof handler>;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Unavailable(
              `no answer within ${ms / 1000} s: a server this needs is slow or down; try again shortly`,
              OUTAGE_RETRY_AFTER_SECONDS,
            ),
          ),
        ms,
      );
    });
    const work = result;
    // Past the deadline the caller has had its 503: a later failure is only logged.
    work.catch((err: unknown) => void (reply.sent && req.log.warn({ err }, 'failed after its deadline')));
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  };
  const response = route.schema?.response as Record<string, unknown> | undefined;
  if (response && !('503' in response)) response['503'] = outage;
}

export function registerRequestDeadline(app: FastifyInstance, ms = REQUEST_DEADLINE_MS): void {
  app.addHook('onRoute', (route) => bounded(route, ms));
}

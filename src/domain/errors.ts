// What can go wrong, in the domain's terms. Code below HTTP (services, pages,
// the CLI's server side) throws these; one error handler (src/http/errors.ts)
// turns each class into a status, and learner pages catch them by class.
// Messages name the field or the thing concerned ("body.feeWaiver: …",
// "enrollmentId: no enrollment …"): the API answers with them as they are.
import type { ClaimProblem } from './credits.js';

export abstract class DomainError extends Error {
  constructor(
    message: string,
    /** Extra data for the caller (e.g. the fields or problems), sent as `details`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No such thing (activity, enrollment, certificate, learner, …). */
export class NotFound extends DomainError {}

/** Well-formed, but the current state does not take it: finished, out of order, used twice. */
export class Conflict extends DomainError {}

export interface FieldProblem {
  /** Where, as the caller names it: "body.feeWaiver", "query.to", "answers.v1". */
  field: string;
  message: string;
}

/** Malformed for this activity or record; `fields` says which input and why. */
export class Invalid extends DomainError {
  readonly fields: FieldProblem[];

  constructor(message: string, details?: unknown, fields: FieldProblem[] = []) {
    super(message, details);
    this.fields = fields;
  }

  /** One field: the message reads "field: why". */
  static field(field: string, message: string): Invalid {
    return new Invalid(`${field}: ${message}`, undefined, [{ field, message }]);
  }
}

/** Understood and well-formed, but the rules refuse it (e.g. a payment below the price). */
export class Refused extends DomainError {}

/** A credit claim outside the rules; `problems` lists each, per credit type. */
export class ClaimRefused extends Refused {
  constructor(
    message: string,
    readonly problems: ClaimProblem[],
  ) {
    super(message, problems);
  }
}

/**
 * Received and stored, but not acted on yet (its workflow is busy or its
 * worker down): the same request again answers the result once there is one.
 */
export class Pending extends DomainError {
  constructor(
    message: string,
    readonly submissionId: string,
  ) {
    super(message, { submissionId, status: 'pending' });
  }
}

/** A server this depends on is down or busy: worth trying again after a while. */
export class Unavailable extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 30,
  ) {
    super(message);
  }
}

/** A server this depends on answered, but refused or lost the request (e.g. the mail server). */
export class DependencyFailed extends DomainError {}

/** How long a caller should wait before trying again when a server is down (Retry-After). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** Network failures: the server is down, unreachable or went away mid-request. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // postgres.js
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * PostgreSQL refusing for a while: class 08 (connection exception), shutting
 * down or starting (57P01-57P03), too many connections (53300), a statement
 * or lock timeout (57014, 55P03).
 */
const isPostgresOutage = (code: string) =>
  /^08/.test(code) || ['57P01', '57P02', '57P03', '53300', '57014', '55P03'].includes(code);

/** gRPC statuses from Temporal that mean "not now": CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE. */
const GRPC_OUTAGE = new Set([1, 4, 8, 14]);

interface ErrorLike {
  code?: unknown;
  cause?: unknown;
  metadata?: unknown;
  query?: unknown;
}

/**
 * The outage behind an error, if that is what it is: a database or Temporal
 * connection that failed, timed out or was refused. Such a request is worth
 * repeating (503 with Retry-After), never a 500. Looks through wrapped causes
 * (drizzle wraps the driver's error; the Temporal client wraps the gRPC one).
 */
export function asUnavailable(err: unknown): Unavailable | undefined {
  let temporal = false;
  let database = false;
  let outage = false;
  for (let e = err as ErrorLike | undefined, depth = 0; e && depth < 6; e = e.cause as ErrorLike, depth++) {
    if (e instanceof Unavailable) return e;
    if (typeof e !== 'object') break;
    const grpc = (e as Error).name === 'ServiceError' || 'metadata' in e;
    if (grpc) temporal = true;
    if (typeof e.query === 'string') database = true;
    if (typeof e.code === 'string' && isPostgresOutage(e.code)) database = outage = true;
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) outage = true;
    if (typeof e.code === 'number' && grpc && GRPC_OUTAGE.has(e.code)) outage = true;
  }
  if (!outage) return undefined;
  const what = temporal ? 'the workflow service (Temporal)' : database ? 'the database' : 'a server it needs';
  return new Unavailable(`${what} is not answering; try again shortly`, OUTAGE_RETRY_AFTER_SECONDS);
}

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

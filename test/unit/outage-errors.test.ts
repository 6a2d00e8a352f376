// Which failures are outages (503 with Retry-After: try again) and which are
// bugs or refusals (never retried blindly): the shapes the drivers throw.
import { describe, expect, it } from 'vitest';
import { asUnavailable, OUTAGE_RETRY_AFTER_SECONDS, Unavailable } from '../../src/domain/errors.js';

/** What drizzle throws: its own wrapper (quoting the query) around the driver's error. */
const drizzleWrapped = (cause: object) =>
  Object.assign(new Error('Failed query: select 1\nparams: '), { query: 'select 1', params: [], cause });
const driverError = (code: string, message = code) => Object.assign(new Error(message), { code });
/** The Temporal client's ServiceError around a gRPC status. */
const temporalWrapped = (code: number) =>
  Object.assign(new Error('Failed to signal Workflow'), {
    name: 'ServiceError',
    cause: Object.assign(new Error(`${code} status`), { code, details: '', metadata: {} }),
  });

describe('outages behind an error', () => {
  it.each([
    [
      'a refused connection',
      drizzleWrapped(driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')),
    ],
    ['a connection closed mid-query', drizzleWrapped(driverError('CONNECTION_CLOSED'))],
    ['a connect timeout', drizzleWrapped(driverError('CONNECT_TIMEOUT'))],
    ['PostgreSQL shutting down (57P01)', drizzleWrapped(driverError('57P01'))],
    ['PostgreSQL starting up (57P03)', drizzleWrapped(driverError('57P03'))],
    ['too many connections (53300)', drizzleWrapped(driverError('53300'))],
    ['a connection exception (08006)', drizzleWrapped(driverError('08006'))],
  ])('the database: %s is a 503', (_what, err) => {
    const outage = asUnavailable(err);
    expect(outage).toBeInstanceOf(Unavailable);
    expect(outage?.message).toBe('the database is not answering; try again shortly');
    expect(outage?.retryAfterSeconds).toBe(OUTAGE_RETRY_AFTER_SECONDS);
  });

  it.each([
    ['UNAVAILABLE (14)', 14],
    ['DEADLINE_EXCEEDED (4)', 4],
    ['RESOURCE_EXHAUSTED (8)', 8],
  ])('Temporal: %s is a 503', (_what, code) => {
    expect(asUnavailable(temporalWrapped(code))?.message).toBe(
      'the workflow service (Temporal) is not answering; try again shortly',
    );
  });

  it.each([
    ['a unique violation (23505)', drizzleWrapped(driverError('23505'))],
    ['bad data (22P02)', drizzleWrapped(driverError('22P02'))],
    ['Temporal NOT_FOUND (5)', temporalWrapped(5)],
    ['Temporal INVALID_ARGUMENT (3)', temporalWrapped(3)],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not even an Error', 'boom'],
  ])('%s is not an outage', (_what, err) => {
    expect(asUnavailable(err)).toBeUndefined();
  });

  it('keeps an Unavailable as it is', () => {
    const err = new Unavailable('busy', 12);
    expect(asUnavailable(err)).toBe(err);
  });
});

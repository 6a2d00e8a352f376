// The Temporal client the API (and the CLI's server side) calls: every call
// gives up after a few seconds, so a request never hangs while Temporal is
// down; it fails with DEADLINE_EXCEEDED or UNAVAILABLE and answers 503.
// The worker's NativeConnection retries in Rust for up to ~10 s whatever the
// deadline, so calls made on a request's behalf use this gRPC connection.
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';

/** How long one call to Temporal may take, retries included, unless the caller sets its own deadline. */
export const TEMPORAL_CALL_TIMEOUT_MS = 3000;

/** Gives every call a deadline unless it has one (an explicit `withDeadline` wins). */
export function defaultDeadline(ms: number): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall({ ...options, deadline: options.deadline ?? Date.now() + ms }));
}

export interface BoundedClient {
  client: Client;
  close(): Promise<void>;
}

/**
 * A client whose calls each end within `callTimeoutMs` (the default retries on
 * UNAVAILABLE happen inside that time). Connects lazily: a Temporal that is
 * down at start is reported by the first call, not here.
 */
export function boundedTemporalClient(
  address: string,
  namespace: string,
  callTimeoutMs = TEMPORAL_CALL_TIMEOUT_MS,
): BoundedClient {
  const connection = Connection.lazy({
    address,
    // Outermost first: the deadline is set once, so the retries share it.
    interceptors: [defaultDeadline(callTimeoutMs), makeGrpcRetryInterceptor(defaultGrpcRetryOptions())],
  });
  return { client: new Client({ connection, namespace }), close: () => connection.close() };
}

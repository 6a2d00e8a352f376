// What the typed client's call groups share: the one request function they are
// given (./index.ts builds it) and how a path segment is escaped.
export type ClientCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;
export const seg = encodeURIComponent;

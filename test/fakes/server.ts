// What the fake regulators share: a loopback HTTP server that records every
// request, can be told to fail the next requests (a timeout, a 5xx) or to hold
// the next one unanswered (a test kills the worker meanwhile), and takes its
// data (known profiles, activities, licences) on /__fake/setup. Tests and
// `npm run demo` only: never in the product's path.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'timeout' | '5xx';

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  authorization?: string;
  at: Date;
}

export interface FakeAnswer {
  status: number;
  type: string;
  body: string;
}

export interface FakeServer {
  url: string;
  port: number;
  /** Every request to the regulator's operations (not /__fake). */
  received: Received[];
  /** The next requests fail, in order, one fault each. */
  fail(...faults: Fault[]): void;
  /** Holds the next submission unanswered; resolves once it has arrived. */
  holdNext(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeHandler {
  /** Whether a request is a submission (counted, held, failed) rather than a look-up. */
  isSubmission(req: Received): boolean;
  answer(req: Received): FakeAnswer;
  setup(data: unknown): void;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

export async function startFake(handler: FakeHandler, port = 0, timeoutMs = 60_000): Promise<FakeServer> {
  const received: Received[] = [];
  const faults: Fault[] = [];
  let hold: (() => void) | undefined;
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const r: Received = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: await readBody(req),
        authorization: req.headers.authorization,
        at: new Date(),
      };
      if (url.pathname === '/__fake/setup') {
        handler.setup(JSON.parse(r.body || '{}'));
        return res.writeHead(204).end();
      }
      if (url.pathname === '/__fake/received') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(received.map((x) => ({ ...x, query: Object.fromEntries(x.query) }))));
      }
      const submission = handler.isSubmission(r);
      if (submission && hold) {
        received.push(r);
        held.push(res);
        const arrived = hold;
        hold = undefined;
        return arrived();
      }
      const fault = submission ? faults.shift() : undefined;
      // A timeout: the gateway never gets the request through, so nothing is recorded.
      if (fault === 'timeout') return void setTimeout(() => res.destroy(), timeoutMs).unref();
      if (submission) received.push(r);
      if (fault === '5xx')
        return res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      const a = handler.answer(r);
      res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    received,
    fail: (...f) => faults.push(...f),
    holdNext: () => new Promise<void>((resolve) => (hold = resolve)),
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const json = (status: number, value: unknown): FakeAnswer => ({
  status,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});

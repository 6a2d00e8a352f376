// The adapters by regulator, and the one way a prepared request is sent.
import type { Regulator } from '../../domain/reporting.js';
import { ceBrokerAdapter } from './ce-broker.js';
import { cpeMonitorAdapter } from './cpe-monitor.js';
import { parsAdapter } from './pars.js';
import type { PreparedRequest, RegulatorAdapter, SendResult } from './types.js';

export type { PreparedRequest, RegulatorAdapter, SendInput, SendResult } from './types.js';

export const ADAPTERS: Record<Regulator, RegulatorAdapter> = {
  cpe_monitor: cpeMonitorAdapter,
  ce_broker: ceBrokerAdapter,
  pars: parsAdapter,
};

export interface Exchange {
  result: SendResult;
  httpStatus?: number;
  response?: string;
}

/** Sends the request; a timeout, a lost connection, a 5xx, 408 or 429 are worth retrying. */
export async function exchange(
  adapter: RegulatorAdapter,
  req: PreparedRequest,
  timeoutMs: number,
): Promise<Exchange> {
  let res: Response;
  let response: string;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    response = (await res.text()).slice(0, 4000);
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message);
    return { result: { kind: 'transient', message: `${adapter.regulator}: ${why}` } };
  }
  if (res.status >= 500 || res.status === 408 || res.status === 429)
    return {
      result: { kind: 'transient', message: `${adapter.regulator}: HTTP ${res.status}` },
      httpStatus: res.status,
      response,
    };
  return { result: adapter.interpret(res.status, response), httpStatus: res.status, response };
}

// Temporal beyond one machine: the app, its worker and its client reach
// Temporal over mutual TLS from configuration alone (a CA, a server and a
// client certificate made here, a TLS front on the dev server that requires
// the client certificate, as Temporal Cloud does), and every payload they
// write to a history is encrypted; staff read it back through /codec, the
// endpoint the Temporal UI calls.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startStack, type TestStack } from '../support/stack.js';
import { makeCertificates, startTlsFront } from '../support/tls.js';
import { connectTemporal } from '../../src/main/wiring.js';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../src/platform/temporal/payload-codec.js';
import * as service from '../../src/enrollment/service.js';
import { enrollInNewActivity, payloadsOf, payment, reachStage } from './story.js';

const key = () => randomBytes(32);
const current = key();
const previous = key();
const UI = 'http://localhost:8233';

let dir: string;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let stack: TestStack;

beforeAll(async () => {
  const certs = await makeCertificates();
  dir = mkdtempSync(join(tmpdir(), 'ceo-tls-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  front = await startTlsFront(certs, inject('temporalAddress'));
  stack = await startStack({
    env: {
      TEMPORAL_ADDRESS: front.address,
      TEMPORAL_TLS_CA: file('ca.pem', certs.ca.cert),
      TEMPORAL_TLS_CERT: file('client.pem', certs.client.cert),
      TEMPORAL_TLS_KEY: file('client-key.pem', certs.client.key),
      TEMPORAL_PAYLOAD_KEYS: `k2:${current.toString('base64')},k1:${previous.toString('base64')}`,
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await front?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const codec = (direction: string, body: unknown, headers: Record<string, string> = stack.auth.staff) =>
  fetch(`${stack.baseUrl}/codec/${direction}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI, 'x-namespace': 'default', ...headers },
    body: JSON.stringify(body),
  });

describe('Temporal over mutual TLS', () => {
  it('connects as the app does (connectTemporal) with the client certificate, and not without it', async () => {
    const connected = await connectTemporal(stack.config, 10_000);
    await connected.close();
    const noClientCert = { ...stack.config, TEMPORAL_TLS_CERT: undefined, TEMPORAL_TLS_KEY: undefined };
    await expect(connectTemporal(noClientCert, 5_000)).rejects.toThrow(
      `temporal: cannot reach Temporal at ${front.address} (TLS)`,
    );
    const plain = { ...noClientCert, TEMPORAL_TLS_CA: undefined };
    await expect(connectTemporal(plain, 5_000)).rejects.toThrow(
      `cannot reach Temporal at ${front.address} (`,
    );
  });

  it('runs an enrollment whose history holds only encrypted payloads, which /codec decodes for staff', async () => {
    const e = await enrollInNewActivity(stack, 1);
    await service.recordPayment(stack.ctx, e.enrollmentId, payment(`pay-${e.enrollmentId}`));
    // The worker decrypted the start and the signal, and its activities' results went back encrypted.
    await reachStage(stack, e.enrollmentId, 'attending');

    const history = await stack.client.workflow.getHandle(e.workflowId).fetchHistory();
    expect(payloadsOf(history)).not.toContain(e.enrollmentId);
    const started = history.events?.[0].workflowExecutionStartedEventAttributes;
    const [input] = started?.input?.payloads ?? [];
    const meta = (k: string) => Buffer.from(input.metadata?.[k] ?? []).toString();
    expect(meta('encoding')).toBe(ENCRYPTED_ENCODING);
    expect(meta('encryption-key-id')).toBe('k2');

    const asJson = {
      metadata: {
        encoding: Buffer.from(meta('encoding')).toString('base64'),
        'encryption-key-id': Buffer.from('k2').toString('base64'),
      },
      data: Buffer.from(input.data ?? []).toString('base64'),
    };
    const decoded = await codec('decode', { payloads: [asJson] });
    expect(decoded.status).toBe(200);
    expect(decoded.headers.get('access-control-allow-origin')).toBe(UI);
    const [plain] = (
      (await decoded.json()) as { payloads: { metadata: Record<string, string>; data: string }[] }
    ).payloads;
    expect(Buffer.from(plain.metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(plain.data, 'base64').toString()).toContain(e.enrollmentId);

    // Not signed in: a 401 the UI can read (CORS headers on it too), not a failed fetch.
    const anonymous = await codec('decode', { payloads: [asJson] }, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe(UI);
  });

  it('answers the Temporal UI: a CORS preflight, payloads of a rotated-out key, and 400 for a key it lacks', async () => {
    const preflight = await fetch(`${stack.baseUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-namespace,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const elsewhere = await fetch(`${stack.baseUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();

    const plain = {
      metadata: { encoding: 'anNvbi9wbGFpbg==' },
      data: Buffer.from('"pay-ref-77"').toString('base64'),
    };
    const [old] = await new AesGcmPayloadCodec([{ id: 'k1', key: previous }]).encode([
      {
        metadata: { encoding: new TextEncoder().encode('json/plain') },
        data: new TextEncoder().encode('"pay-ref-77"'),
      },
    ]);
    const [unknown] = await new AesGcmPayloadCodec([{ id: 'k0', key: key() }]).encode([
      { data: new Uint8Array(1) },
    ]);
    const json = (p: typeof old) => ({
      metadata: Object.fromEntries(
        Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
      ),
      data: Buffer.from(p.data ?? []).toString('base64'),
    });
    const decoded = await codec('decode', { payloads: [json(old), plain] });
    expect(decoded.status).toBe(200);
    const body = (await decoded.json()) as { payloads: { data: string }[] };
    expect(body.payloads.map((p) => Buffer.from(p.data, 'base64').toString())).toEqual([
      '"pay-ref-77"',
      '"pay-ref-77"',
    ]);

    const refused = await codec('decode', { payloads: [json(unknown)] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain('key "k0"');
  });
});

// The payload codec: AES-256-GCM with the key id in the payload's metadata, so
// keys rotate (the first of TEMPORAL_PAYLOAD_KEYS encrypts, every one decrypts)
// and payloads it did not encrypt (histories from before) pass through.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  payloadDataConverter,
  payloadKeys,
} from '../../src/platform/temporal/payload-codec.js';
import { loadConfig } from '../../src/config.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const json = (value: unknown) => defaultPayloadConverter.toPayload(value) as Payload;
const valueOf = (p: Payload) => defaultPayloadConverter.fromPayload(p);
const encoding = (p: Payload) => Buffer.from(p.metadata?.encoding ?? []).toString();

describe('the payload codec', () => {
  it('encrypts with the first key, so the text is not in the payload, and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec([k2, k1]);
    const [encrypted] = await codec.encode([json({ reference: 'pay-ref-4411' })]);
    expect(encoding(encrypted)).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(encrypted.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k2');
    expect(Buffer.from(encrypted.data ?? []).toString()).not.toContain('pay-ref-4411');
    const [decoded] = await codec.decode([encrypted]);
    expect(valueOf(decoded)).toEqual({ reference: 'pay-ref-4411' });
  });

  it('after a rotation, decrypts payloads of the previous key and encrypts with the new one', async () => {
    const [old] = await new AesGcmPayloadCodec([k1]).encode([json('written before the rotation')]);
    const rotated = new AesGcmPayloadCodec([k2, k1]);
    expect(valueOf((await rotated.decode([old]))[0])).toBe('written before the rotation');
    const [fresh] = await rotated.encode([json('after')]);
    expect(Buffer.from(fresh.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k2');
    await expect(new AesGcmPayloadCodec([k2]).decode([old])).rejects.toThrow('key "k1"');
  });

  it('passes through payloads it did not encrypt (histories from before encryption)', async () => {
    const plain = json({ enrollmentId: 'e-1' });
    expect(await new AesGcmPayloadCodec([k1]).decode([plain])).toEqual([plain]);
  });

  it('refuses a payload whose bytes were changed (the GCM tag)', async () => {
    const codec = new AesGcmPayloadCodec([k1]);
    const [encrypted] = await codec.encode([json('x')]);
    const data = Buffer.from(encrypted.data ?? []);
    data[20] ^= 1;
    await expect(codec.decode([{ ...encrypted, data }])).rejects.toThrow();
  });

  it('reads TEMPORAL_PAYLOAD_KEYS; none set means no codec; a key of the wrong size is refused', () => {
    const env = (keys?: string) => loadConfig(keys ? { TEMPORAL_PAYLOAD_KEYS: keys } : {});
    expect(payloadDataConverter(env())).toBeUndefined();
    const keys = payloadKeys(env(`new_1:${k2.key.toString('base64')},old-1:${k1.key.toString('base64url')}`));
    expect(keys.map((k) => k.id)).toEqual(['new_1', 'old-1']);
    expect(keys[1].key.equals(k1.key)).toBe(true);
    expect(() => env(`short:${randomBytes(16).toString('base64')}`)).toThrow('TEMPORAL_PAYLOAD_KEYS');
  });
});

// Workflow payloads encrypted before they leave the process (AES-256-GCM, as
// in Temporal's encryption sample), so what a history holds (workflow inputs,
// signals, activity arguments and results) is unreadable on the Temporal server
// and in Temporal Cloud. Keys come from TEMPORAL_PAYLOAD_KEYS ("id:base64,…"):
// the first encrypts, every one decrypts, so keys rotate by putting a new one
// first. A payload this codec did not encrypt (histories from before
// encryption was switched on) passes through unchanged, so they still replay.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
// The package is CommonJS: its namespace comes in as the default export under plain Node.
import proto from '@temporalio/proto';
import { ConfigError, type Config } from '../../config.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

export interface PayloadKey {
  id: string;
  key: Buffer;
}

/** TEMPORAL_PAYLOAD_KEYS as keys, the encrypting one first; none when unset. */
export function payloadKeys(config: Pick<Config, 'TEMPORAL_PAYLOAD_KEYS'>): PayloadKey[] {
  if (!config.TEMPORAL_PAYLOAD_KEYS) return [];
  return config.TEMPORAL_PAYLOAD_KEYS.split(',').map((entry) => {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at);
    // Node's base64 decoder reads the URL-safe alphabet too.
    const key = Buffer.from(entry.slice(at + 1), 'base64');
    if (key.length !== 32)
      throw new ConfigError(
        `config: TEMPORAL_PAYLOAD_KEYS key "${id}" is not 32 bytes (openssl rand -base64 32)`,
      );
    return { id, key };
  });
}

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: PayloadKey[]) {
    if (keys.length === 0) throw new Error('AesGcmPayloadCodec needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0];
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = PayloadMessage.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(id) },
        data: new Uint8Array(data),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (str(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const id = str(payload.metadata?.[KEY_ID_METADATA]) ?? '';
      const key = this.byId.get(id);
      if (!key)
        throw new Error(`payload encrypted with key "${id}", which TEMPORAL_PAYLOAD_KEYS does not hold`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return PayloadMessage.decode(plain) as Payload;
    });
  }
}

/** The data converter of every client and worker: encrypting when keys are configured. */
export function payloadDataConverter(
  config: Pick<Config, 'TEMPORAL_PAYLOAD_KEYS'>,
): DataConverter | undefined {
  const keys = payloadKeys(config);
  return keys.length > 0 ? { payloadCodecs: [new AesGcmPayloadCodec(keys)] } : undefined;
}

// The codec server the Temporal UI calls to show encrypted workflow payloads
// to staff (Settings → Codec Server → http(s)://<this app>/codec): the UI
// POSTs {payloads} to /codec/decode (and /codec/encode) from its own origin,
// so CORS lets the configured UI origins in (CODEC_CORS_ORIGINS; default the
// dev server's UI), with credentials, so a staff session cookie works when the
// UI is told to include cross-origin credentials; a bearer staff key works too.
import cors from '@fastify/cors';
import { z } from 'zod';
import type { Payload } from '@temporalio/common';
// The package is CommonJS: its namespace comes in as the default export under plain Node.
import proto from '@temporalio/proto';
import type { Routes } from '../http/api.js';
import { apiErrorSchema } from '../http/errors.js';
import { Invalid } from '../domain/errors.js';
import { BASE64_PATTERN } from '../domain/bounds-schema.js';
import { AesGcmPayloadCodec, payloadKeys } from '../platform/temporal/payload-codec.js';
import type { Config } from '../config.js';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

// Temporal's codec-server JSON: a Payload with its bytes in base64.
const base64 = z
  .string()
  .max(4_000_000)
  .regex(BASE64_PATTERN, 'expected base64 in groups of four characters, padded with =');
const payloadJson = z.object({
  metadata: z.record(z.string().max(200), base64).optional().describe('Metadata values, base64'),
  data: base64.optional().describe('Payload bytes, base64'),
});
const payloadsBody = z.object({ payloads: z.array(payloadJson).max(1000) });

/** The UI origins allowed to call /codec. */
export function codecOrigins(config: Pick<Config, 'CODEC_CORS_ORIGINS' | 'TEMPORAL_UI_PORT'>): string[] {
  if (config.CODEC_CORS_ORIGINS.length > 0) return config.CODEC_CORS_ORIGINS;
  return [`http://localhost:${config.TEMPORAL_UI_PORT}`, `http://127.0.0.1:${config.TEMPORAL_UI_PORT}`];
}

const toPayload = (p: z.infer<typeof payloadJson>) => PayloadMessage.fromObject(p) as Payload;
const toJson = (p: Payload) =>
  PayloadMessage.toObject(PayloadMessage.fromObject(p), { bytes: String }) as z.infer<typeof payloadJson>;

/** Registered under the /codec prefix, so CORS (and its preflight route) covers these two routes only. */
export const codecRoutes: Routes = async (app, { ctx }) => {
  const keys = payloadKeys(ctx.config);
  // No keys: nothing is encrypted, so both directions hand the payloads back as they are.
  const codec = keys.length > 0 ? new AesGcmPayloadCodec(keys) : undefined;
  const origins = codecOrigins(ctx.config);
  await app.register(cors, {
    origin: origins,
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['content-type', 'authorization', 'x-namespace'],
    maxAge: 600,
  });
  // The app's auth hook answers 401/429 before @fastify/cors's own hook runs: without these
  // headers the UI could not read that answer and would only say it cannot connect.
  app.addHook('onSend', async (req, reply) => {
    const origin = req.headers.origin;
    if (!origin || !origins.includes(origin) || reply.hasHeader('access-control-allow-origin')) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
  });
  for (const direction of ['decode', 'encode'] as const) {
    app.post(
      `/${direction}`,
      {
        // JSON only and cross-origin guarded by CORS: no form can send it, so no CSRF token.
        config: { auth: 'staff', csrf: false },
        schema: {
          summary:
            direction === 'decode'
              ? "Decrypt workflow payloads for the Temporal UI (Temporal's codec-server protocol)"
              : "Encrypt workflow payloads for the Temporal UI (Temporal's codec-server protocol)",
          tags: ['operations'],
          body: payloadsBody,
          response: {
            200: payloadsBody.describe(
              'The payloads, decoded (or encoded); ones not encrypted here unchanged',
            ),
            400: apiErrorSchema.describe('A payload that is not one of ours, or its key is not configured'),
          },
        },
      },
      async (req) => {
        const payloads = req.body.payloads.map(toPayload);
        try {
          const out = codec ? await codec[direction](payloads) : payloads;
          return { payloads: out.map(toJson) };
        } catch (err) {
          // A key this app does not hold, or bytes that fail the authentication tag.
          throw Invalid.field('payloads', (err as Error).message);
        }
      },
    );
  }
};

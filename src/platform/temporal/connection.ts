// How to reach Temporal, from configuration alone: a plain local server, a
// cluster behind TLS (TEMPORAL_TLS, TEMPORAL_TLS_CA), mutual TLS with a client
// certificate (TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY, Temporal Cloud's mTLS), or
// an API key (TEMPORAL_API_KEY, Temporal Cloud's API keys; TLS on by itself).
// Used by the worker's native connection, the client and the tests alike.
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { ConfigError, type Config } from '../../config.js';

export type TemporalTlsSettings = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
>;

export interface TemporalConnectionSettings {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
}

function readPem(
  setting: 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY',
  path: string,
): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`config: ${setting}=${JSON.stringify(path)} cannot be read (${why})`);
  }
}

/** Whether the connection uses TLS: asked for, or implied by a certificate or an API key. */
export function usesTls(config: TemporalTlsSettings): boolean {
  if (config.TEMPORAL_TLS) return config.TEMPORAL_TLS === 'true';
  return !!(config.TEMPORAL_TLS_CA || config.TEMPORAL_TLS_CERT || config.TEMPORAL_API_KEY);
}

export function temporalConnectionSettings(config: TemporalTlsSettings): TemporalConnectionSettings {
  const settings: TemporalConnectionSettings = { address: config.TEMPORAL_ADDRESS };
  if (!!config.TEMPORAL_TLS_CERT !== !!config.TEMPORAL_TLS_KEY)
    throw new ConfigError(
      `config: ${config.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'} is required with ${config.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_CERT' : 'TEMPORAL_TLS_KEY'} (a client certificate and its key)`,
    );
  if (usesTls(config)) {
    const tls: TLSConfig = {};
    if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
    if (config.TEMPORAL_TLS_CA)
      tls.serverRootCACertificate = readPem('TEMPORAL_TLS_CA', config.TEMPORAL_TLS_CA);
    if (config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY)
      tls.clientCertPair = {
        crt: readPem('TEMPORAL_TLS_CERT', config.TEMPORAL_TLS_CERT),
        key: readPem('TEMPORAL_TLS_KEY', config.TEMPORAL_TLS_KEY),
      };
    settings.tls = Object.keys(tls).length > 0 ? tls : true;
  }
  if (config.TEMPORAL_API_KEY) {
    settings.apiKey = config.TEMPORAL_API_KEY;
    // Temporal Cloud routes API-key requests by this header.
    settings.metadata = { 'temporal-namespace': config.TEMPORAL_NAMESPACE };
  }
  return settings;
}

/** "127.0.0.1:7233", or "…:7233 (mTLS)", for start-up lines. */
export function describeConnection(config: TemporalTlsSettings): string {
  const how = config.TEMPORAL_API_KEY
    ? 'TLS, API key'
    : config.TEMPORAL_TLS_CERT
      ? 'mTLS'
      : usesTls(config)
        ? 'TLS'
        : '';
  return how ? `${config.TEMPORAL_ADDRESS} (${how})` : config.TEMPORAL_ADDRESS;
}

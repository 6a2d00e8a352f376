// Every environment variable the app reads is named here once, with its default.
// A bad value stops start-up with one line naming the variable.
import { z } from 'zod';
import { PRODUCTION_SECRETS, productionReason, weakSecretProblem } from './platform/secret-strength.js';

const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
const optionalPath = z.string().min(1).optional();
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const optionalUrl = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(url.optional());

export const configSchema = z.object({
  DATABASE_URL: optionalUrl.describe('PostgreSQL URL; unset = embedded PGlite under DATA_DIR'),
  DATA_DIR: z.string().min(1).default('.data').describe('Embedded database, Temporal dev-server db, secrets'),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'expected host:port')
    .default('127.0.0.1:7233')
    .describe('Temporal frontend; npm start runs a dev server here if none answers'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace of the workflows'),
  TEMPORAL_TASK_QUEUE: z
    .string()
    .min(1)
    .default('ce-outcomes')
    .describe('Task queue the worker polls and the API starts workflows on'),
  TEMPORAL_UI_PORT: port.default(8233).describe('Temporal UI port of the dev server started by npm start'),
  TEMPORAL_CLI_PATH: z.string().optional().describe('temporal binary to use instead of .tools/bin/temporal'),
  SMTP_URL: optionalUrl.describe('smtp://user:pass@host:port; unset = local capture (npm start)'),
  MAIL_FROM: z.string().min(3).default('CE Outcomes <ce@localhost>').describe('Sender of every email'),
  MAIL_CAPTURE_PORT: port.default(2525).describe('SMTP port of the local capture when SMTP_URL is unset'),
  HOST: z.string().default('127.0.0.1').describe('Interface the API listens on (0.0.0.0 in a container)'),
  PORT: port.default(3000).describe('Port of the HTTP API'),
  PUBLIC_URL: url
    .default('http://localhost:3000')
    .describe('Base of links in emails and certificates; unset = where HOST and PORT listen'),
  API_TOKEN: z
    .string()
    .min(8)
    .default('dev-enrollment-token')
    .describe('Bearer token of the enrollment system'),
  STAFF_TOKEN: z
    .string()
    .min(8)
    .default('dev-staff-token')
    .describe('Bearer token of CE staff (non-respondent lists, reissue)'),
  COMMITTEE_TOKEN: z
    .string()
    .min(8)
    .default('dev-committee-token')
    .describe('Bearer token of committee report readers'),
  LINK_SECRET: z
    .string()
    .min(16)
    .default('dev-link-secret-change-me-in-production')
    .describe('HMAC secret of learner links'),
  LINK_SECRET_PREVIOUS: list.describe(
    'Former LINK_SECRETs, comma-separated: links they signed still open; new links use LINK_SECRET',
  ),
  SESSION_TTL: z
    .string()
    .regex(/^\d+(m|h|d)$/, 'expected a duration like 12h')
    .default('12h')
    .describe('How long a browser sign-in lasts'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .describe('true behind a reverse proxy: client addresses (rate limits) from X-Forwarded-For'),
  RATE_LIMIT_SIGN_IN: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Sign-in attempts per minute from one address'),
  RATE_LIMIT_AUTH_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('Wrong API keys or tokens per minute from one address before it gets 429'),
  RATE_LIMIT_LEARNER_PAGES: z.coerce
    .number()
    .int()
    .min(1)
    .default(120)
    .describe('Learner link pages per minute from one address'),
  TEMPORAL_TLS: z
    .enum(['true', 'false'])
    .optional()
    .describe('TLS to Temporal; on by itself with a client certificate or an API key'),
  TEMPORAL_TLS_CA: optionalPath.describe(
    "PEM file of the CA of Temporal's server certificate (default: system CAs)",
  ),
  TEMPORAL_TLS_CERT: optionalPath.describe(
    'PEM client certificate for mTLS (Temporal Cloud); with TEMPORAL_TLS_KEY',
  ),
  TEMPORAL_TLS_KEY: optionalPath.describe('PEM private key of TEMPORAL_TLS_CERT'),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .min(1)
    .optional()
    .describe('Server name to verify, if not the address host'),
  TEMPORAL_API_KEY: z.string().min(1).optional().describe('Temporal Cloud API key (sent as a bearer token)'),
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .regex(
      /^[\w-]{1,32}:[A-Za-z0-9+/_-]{43}=?(,[\w-]{1,32}:[A-Za-z0-9+/_-]{43}=?)*$/,
      'expected id:base64-of-32-bytes[,id:…]',
    )
    .optional()
    .describe('AES-256-GCM keys for workflow payloads, id:base64 comma-separated; the first encrypts'),
  CODEC_CORS_ORIGINS: list.describe(
    'Temporal UI origins that may call /codec (default: the dev server UI on localhost)',
  ),
  DIGEST_INTERVAL: z
    .string()
    .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration like 7d or 30s')
    .default('7d')
    .describe('How often the committee digest schedule fires'),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(2)
    .max(200)
    .default(20)
    .describe('PostgreSQL connections per process (the worker runs one activity per connection at most)'),
  WORKER_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(100)
    .describe(
      "Workflows a worker keeps in memory between tasks (about 100 KB each); its memory is flat past them (npm run bench: 292 MB with 1,000 open, 301 with 5,000). Past about 180, raise the worker's --max-old-space-size (src/main/worker-launch.ts)",
    ),
  OUTBOX_SENDER: z
    .enum(['api', 'worker'])
    .default('api')
    .describe('Which process delivers queued mail (each replica runs a sender); npm start runs one'),
  OUTBOX_UNCONFIRMED_AFTER: z
    .string()
    .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration like 90s')
    .default('90s')
    .describe(
      'A mail still "sending" this long after its sender took it is marked unconfirmed, never resent',
    ),
  MAINTENANCE_REMINDERS: z
    .string()
    .regex(
      /^\d+(ms|s|m|h|d)(,\d+(ms|s|m|h|d))*$/,
      'expected durations before the cycle ends, comma-separated, like 180d,90d,30d',
    )
    .default('180d,90d,30d')
    .describe('When credential maintenance reminders go out, before a cycle ends, while it is unmet'),
  MAINTENANCE_SWEEP_INTERVAL: z
    .string()
    .regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration like 1d or 30s')
    .default('1d')
    .describe('How often a schedule starts reminders for credentials whose cycle the LMS sent'),
  EVIDENCE_MAX_MB: z.coerce
    .number()
    .positive()
    .max(50)
    .default(5)
    .describe('Largest evidence file (PDF or picture) a learner may attach to CE from elsewhere, in MB'),
  CPE_MONITOR_URL: optionalUrl.describe(
    'ACPE CPE Monitor web service (…/service/cpemonitorservice.asmx); unset = batch files staff upload',
  ),
  CPE_MONITOR_USERNAME: z.string().optional().describe('CPE Monitor web service user name'),
  CPE_MONITOR_PASSWORD: z.string().optional().describe('CPE Monitor web service password'),
  CE_BROKER_URL: optionalUrl.describe(
    'CE Broker web service (…/CEBrokerWebService.asmx/UploadXMLString); unset = text files staff upload',
  ),
  CE_BROKER_PROVIDER_ID: z
    .string()
    .regex(/^50-\d{1,9}$/, 'a CE Broker provider tracking number like 50-1234')
    .optional()
    .describe('CE Broker provider tracking number (50-…), for the web service and the text file'),
  CE_BROKER_UPLOAD_KEY: z.string().optional().describe('CE Broker web service upload key'),
  PARS_URL: optionalUrl.describe(
    'ACCME PARS web services base URL; unset = tab-delimited files staff upload',
  ),
  PARS_PROVIDER_ID: z.string().optional().describe('ACCME provider ID in PARS'),
  PARS_USERNAME: z.string().optional().describe('PARS web services user name'),
  PARS_PASSWORD: z.string().optional().describe('PARS web services password'),
  REPORTING_ALERT_TO: z
    .string()
    .optional()
    .describe('Who gets the reporting deadline alerts and UAN problems; unset = the MAIL_FROM address'),
  REPORTING_REQUEST_TIMEOUT: z
    .string()
    .regex(/^\d+(ms|s|m)$/, 'expected a duration like 30s')
    .default('30s')
    .describe('How long a request to a regulator may take before it is retried'),
  REPORTING_RETRY_MAX_INTERVAL: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/, 'expected a duration like 1h')
    .default('1h')
    .describe('Longest wait between retries of a regulator that is down (backoff from 1 s)'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('fatal, error, warn, info, debug, trace or silent'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Settings whose values are secret: never echoed in an error line. */
const SECRET_SETTINGS = new Set<string>([
  ...PRODUCTION_SECRETS,
  'LINK_SECRET_PREVIOUS',
  'TEMPORAL_API_KEY',
  'TEMPORAL_PAYLOAD_KEYS',
]);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  relevant.PUBLIC_URL ??= listeningUrl(relevant.HOST, relevant.PORT);
  const result = configSchema.safeParse(relevant);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0]);
    const shown = SECRET_SETTINGS.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '');
    throw new ConfigError(`config: ${name}=${shown} is invalid: ${issue.message}`);
  }
  refuseWeakSecrets(result.data, env);
  return result.data;
}

/** Links point where the server is when PUBLIC_URL is unset: HOST and PORT (a loopback or wildcard HOST as localhost). */
function listeningUrl(host = '127.0.0.1', port = '3000'): string | undefined {
  if (!/^\d{1,5}$/.test(port) || Number(port) === 0) return undefined;
  const name = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host)
    ? 'localhost'
    : host.includes(':')
      ? `[${host}]`
      : host;
  return `http://${name}:${port}`;
}

/** In production every secret must be strong: the first that is not stops start-up, named. */
function refuseWeakSecrets(config: Config, env: Record<string, string | undefined>): void {
  const production = productionReason(env, config.PUBLIC_URL);
  if (!production) return;
  for (const name of PRODUCTION_SECRETS) {
    const problem = env[name]
      ? weakSecretProblem(config[name])
      : 'is not set (the default is for one machine only)';
    if (problem)
      throw new ConfigError(
        `config: ${name} ${problem}; with ${production} every token and LINK_SECRET needs at least 32 random bytes (openssl rand -hex 32)`,
      );
  }
}

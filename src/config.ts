// Every environment variable the app reads is named here once, with its default.
// A bad value stops start-up with one line naming the variable.
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const url = z.string().url();
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
  PUBLIC_URL: url.default('http://localhost:3000').describe('Base of links in emails and certificates'),
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
      'Workflows a worker keeps in memory between tasks: about 0.35 MB each; worker memory is flat past it (npm run bench)',
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
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('fatal, error, warn, info, debug, trace or silent'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const result = configSchema.safeParse(relevant);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`config: ${name}=${JSON.stringify(env[name] ?? '')} is invalid: ${issue.message}`);
  }
  return result.data;
}

// No Docker engine runs here, so the production-shaped stack is checked by
// structure: the services exist, the app's images build from the Dockerfile,
// and the worker and API get every variable production needs, with values
// the app's own config accepts.
import { describe, it, expect } from 'vitest';
import { parse } from 'yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { WORKER_LAUNCH_ENV, WORKER_NODE_FLAGS } from '../../src/main/worker-launch.js';
import { ROOT } from './entry-process.js';

interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown> | string[];
}
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

// Variables whose defaults are only safe on a developer's machine.
const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'SMTP_URL',
  'TEMPORAL_ADDRESS',
  'PUBLIC_URL',
  'API_TOKEN',
  'STAFF_TOKEN',
  'COMMITTEE_TOKEN',
  'LINK_SECRET',
];

/** What compose would pass, with ${VAR:?…} filled from .env.example and ${VAR:-default} defaulted. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (env[name] !== undefined) return env[name];
    if (kind === '-') return rest ?? '';
    throw new Error(`${name} is neither in .env.example nor defaulted`);
  });
}
const exampleEnv = Object.fromEntries(
  readFileSync(join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);

describe('docker-compose.yml', () => {
  it('runs Temporal on PostgreSQL, its UI, PostgreSQL, Mailpit, and the worker and API', () => {
    const s = compose.services;
    expect(s.temporal.image).toMatch(/^temporalio\/auto-setup:/);
    expect(s.temporal.environment?.DB).toMatch(/^postgres/);
    expect(s.temporal.environment?.POSTGRES_SEEDS).toBe('postgresql');
    expect(s['temporal-ui'].image).toMatch(/^temporalio\/ui:/);
    expect(s.postgresql.image).toMatch(/^postgres:15/);
    expect(s.mailpit.image).toMatch(/^axllent\/mailpit/);
    for (const name of ['worker', 'api']) {
      expect(s[name].build, name).toBe('.');
      expect(Object.keys(s[name].depends_on ?? {}).sort(), name).toEqual([
        'mailpit',
        'postgresql',
        'temporal',
      ]);
    }
  });

  it('sets every production variable for the worker and the API, to values the config accepts', () => {
    for (const name of ['worker', 'api']) {
      const environment = compose.services[name].environment ?? {};
      for (const key of REQUIRED_IN_PRODUCTION) expect(environment[key], `${name}: ${key}`).toBeTruthy();
      const env = Object.fromEntries(
        Object.entries(environment).map(([k, v]) => [k, interpolate(String(v), exampleEnv)]),
      );
      const config = loadConfig(env);
      expect(config.DATABASE_URL).toMatch(/@postgresql:5432\/ce_outcomes$/);
      expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(config.SMTP_URL).toMatch(/^smtp:\/\/mailpit:1025/);
      expect(config.HOST).toBe('0.0.0.0');
    }
  });

  it('has Temporal flag enrollments whose workflow task keeps failing, as the stuck list expects', () => {
    const temporal = compose.services.temporal as Service & { volumes?: string[] };
    const path = temporal.environment?.DYNAMIC_CONFIG_FILE_PATH;
    const mount = temporal.volumes?.find((v) => v.split(':')[1] === path);
    expect(mount, 'the dynamic config file is mounted where the server reads it').toBeTruthy();
    const dynamicConfig = parse(readFileSync(join(ROOT, mount!.split(':')[0]), 'utf8')) as Record<
      string,
      { value: unknown }[]
    >;
    expect(dynamicConfig['system.numConsecutiveWorkflowTaskProblemsToTriggerSearchAttribute']).toEqual([
      { value: 2 },
    ]);
  });

  it('keeps secrets out of the file: compose refuses to start without them', () => {
    const environment = compose.services.api.environment ?? {};
    for (const key of ['API_TOKEN', 'STAFF_TOKEN', 'COMMITTEE_TOKEN', 'LINK_SECRET']) {
      expect(environment[key], key).toMatch(new RegExp(`^\\$\\{${key}:\\?`));
    }
    expect(environment.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
  });

  it('runs entries that exist, from an image the Dockerfile describes', () => {
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci/m);
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd).not.toBeNull();
    const entries = [
      JSON.parse(cmd![1]) as string[],
      compose.services.worker.command ?? [],
      compose.services.api.command ?? [],
    ].map((argv) => argv.find((a) => a.endsWith('.ts')));
    expect(entries).toEqual(['src/main/api.ts', 'src/main/worker.ts', 'src/main/api.ts']);
    for (const entry of entries) expect(existsSync(join(ROOT, entry!)), entry).toBe(true);
  });

  it('launches the worker as the bench measured it: its node flags and malloc arenas, in compose, the image and npm run worker', () => {
    const command = compose.services.worker.command ?? [];
    // Node flags count only before the entry (after it they are the script's arguments).
    const beforeEntry = command.slice(0, command.indexOf('src/main/worker.ts'));
    for (const flag of WORKER_NODE_FLAGS)
      expect(beforeEntry, 'docker-compose worker command').toContain(flag);
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const npmWorker = scripts.worker.slice(0, scripts.worker.indexOf('src/main/worker.ts'));
    for (const flag of WORKER_NODE_FLAGS) expect(npmWorker, 'npm run worker').toContain(` ${flag} `);
    for (const [name, value] of Object.entries(WORKER_LAUNCH_ENV)) {
      expect(dockerfile, `Dockerfile ENV ${name}`).toMatch(new RegExp(`^\\s+${name}=${value}$`, 'm'));
      expect(npmWorker, `npm run worker ${name}`).toContain(`${name}=\${${name}:-${value}}`);
    }
  });
});

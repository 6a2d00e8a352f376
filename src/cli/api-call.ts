// What the enrollment, submission and staff commands share: arguments, JSON
// files, numbers, and an API call whose refusal becomes one line.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type CliContext } from './command.js';
import { CeOutcomesApiError, createCeOutcomesClient, type CeOutcomesClient } from '../client/index.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Positional arguments (exactly `names`) and flags; a wrong count is a one-line usage error. */
export function args(argv: string[], usage: string, names: string[], options: Options = {}, rest = false) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]} (usage: ${usage})`);
  }
  const { positionals } = parsed;
  if (positionals.length < names.length || (!rest && positionals.length > names.length)) {
    throw new CliError(`expected ${names.join(' ')} (usage: ${usage})`);
  }
  return { positionals, values: parsed.values as Record<string, string | boolean | string[] | undefined> };
}

export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path} is not JSON: ${(err as Error).message}`);
  }
}

export function number(value: string, name: string, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new CliError(`${name}: expected ${integer ? 'a whole number' : 'a number'}, got "${value}"`);
  return n;
}

/** Runs one API call; an API refusal becomes one line with the status and the server's message. */
export async function withClient<T>(
  ctx: CliContext,
  run: (client: CeOutcomesClient) => Promise<T>,
): Promise<T> {
  const client = createCeOutcomesClient({ baseUrl: ctx.apiUrl, token: ctx.token });
  try {
    return await run(client);
  } catch (err) {
    if (err instanceof CeOutcomesApiError) {
      const details = Array.isArray(err.details)
        ? ` (${(err.details as { field?: string; message?: string }[])
            .map((d) => `${d.field ?? ''}: ${d.message ?? ''}`)
            .join('; ')})`
        : '';
      throw new CliError(`${err.status ? `HTTP ${err.status}: ` : ''}${err.message}${details}`);
    }
    throw err;
  }
}

export const json = (ctx: CliContext, value: unknown) => ctx.out(JSON.stringify(value, null, 2));

// Staff commands for named API keys: one per system or per person, with a role.
// The key is printed once, at creation; the server keeps only its digest.
import { API_ROLES, KEY_KINDS } from '../../domain/roles.js';
import { CliError, type CliCommand } from '../command.js';
import { formatTable } from '../table.js';
import { args, withClient } from '../api-call.js';

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], name: string): T => {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name}: expected one of ${allowed.join(', ')}, got "${String(value ?? '')}"`);
};

const create: CliCommand = {
  usage: 'keys create "<name>" --role enrollment|staff|committee [--system]',
  summary: 'Staff: a named API key for a person (default) or a system; prints the key once',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['name'], {
      role: { type: 'string' },
      system: { type: 'boolean' },
    });
    const role = oneOf(values.role, API_ROLES, 'role');
    const kind = values.system ? KEY_KINDS[0] : KEY_KINDS[1];
    const k = await withClient(ctx, (c) => c.createApiKey({ name: positionals[0], kind, role }));
    ctx.out(
      `created ${k.kind} key ${k.id} for "${k.name}" (${k.role}); store it now, it is not shown again:`,
    );
    ctx.out(k.key);
  },
};

const list: CliCommand = {
  usage: 'keys list',
  summary: 'Staff: every named API key (prefix, holder, role, last use, revoked)',
  async run(argv, ctx) {
    args(argv, this.usage, []);
    const { keys } = await withClient(ctx, (c) => c.listApiKeys());
    if (keys.length === 0) return ctx.out('no named API keys');
    ctx.out(
      formatTable(
        ['id', 'prefix', 'name', 'kind', 'role', 'created by', 'last used', 'revoked'],
        keys.map((k) => [
          k.id,
          k.prefix,
          k.name,
          k.kind,
          k.role,
          k.createdBy,
          k.lastUsedAt ?? '',
          k.revokedAt ? `${k.revokedAt} by ${k.revokedBy ?? ''}` : '',
        ]),
      ),
    );
  },
};

const revoke: CliCommand = {
  usage: 'keys revoke <keyId>',
  summary: 'Staff: revoke a named API key at once (its browser sessions end too)',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['keyId']);
    const k = await withClient(ctx, (c) => c.revokeApiKey(positionals[0]));
    ctx.out(`revoked key ${k.id} of "${k.name}" (${k.role})`);
  },
};

export const keysCommands: Record<string, CliCommand> = {
  'keys create': create,
  'keys list': list,
  'keys revoke': revoke,
};

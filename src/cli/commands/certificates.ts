// Operators' certificate commands: show, reissue with a corrected name, revoke
// with a reason. Each is a staff API call (audit-logged by the server).
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { CliError, type CliCommand, type CliContext } from '../command.js';

const USAGE =
  'certificate show <number> | certificate reissue <number> --name "…" --reason "…" | certificate revoke <number> --reason "…"';

interface CertificateJson {
  number: string;
  status: string;
  revision: number;
  creditType: string;
  credits: number;
  learnerName: string;
  activityTitle: string;
  issuedAt: string;
  verificationUrl: string;
  supersededBy?: string | null;
  events?: { action: string; actor: string; reason: string | null; at: string }[];
}

function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function call<T>(ctx: CliContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, ctx.apiUrl), {
      method,
      headers: {
        authorization: `Bearer ${ctx.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    throw new CliError(`cannot reach the API at ${ctx.apiUrl} (${(err as Error).message})`);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const message = (json as { error?: string } | undefined)?.error ?? text.slice(0, 200);
    throw new CliError(`${res.status}: ${message}`);
  }
  return json as T;
}

function describe(c: CertificateJson): string[] {
  return [
    `${c.number}  ${c.status}${c.supersededBy ? ` (superseded by ${c.supersededBy})` : ''}  revision ${c.revision}`,
    `  ${c.learnerName}: ${c.credits} ${c.creditType}, "${c.activityTitle}", issued ${c.issuedAt.slice(0, 10)}`,
    `  verify: ${c.verificationUrl}`,
  ];
}

export const certificatesCommands: Record<string, CliCommand> = {
  certificate: {
    usage: USAGE,
    summary: 'Show, reissue (corrected name; the old number is superseded) or revoke a certificate',
    async run(argv, ctx) {
      let parsed;
      try {
        parsed = parseArgs({
          args: argv,
          options: { name: { type: 'string' }, reason: { type: 'string' } },
          allowPositionals: true,
          strict: true,
        });
      } catch (err) {
        throw new CliError(`${(err as Error).message.split('\n')[0]} (usage: ${USAGE})`);
      }
      const [action, number, ...extra] = parsed.positionals;
      if (!action || !number || extra.length > 0)
        throw new CliError(`expected an action and a number (usage: ${USAGE})`);
      const path = `/certificates/${encodeURIComponent(number)}`;
      const { name, reason } = parsed.values;
      switch (action) {
        case 'show': {
          const c = await call<CertificateJson>(ctx, 'GET', path);
          for (const line of describe(c)) ctx.out(line);
          for (const e of c.events ?? [])
            ctx.out(`  ${e.at}  ${e.action} by ${e.actor}${e.reason ? `: ${e.reason}` : ''}`);
          return;
        }
        case 'reissue': {
          if (!name?.trim())
            throw new CliError(`--name: the corrected learner name is required (usage: ${USAGE})`);
          if (!reason?.trim())
            throw new CliError(`--reason: say why the certificate is corrected (usage: ${USAGE})`);
          const r = await call<{ previous: CertificateJson; certificate: CertificateJson; email: string }>(
            ctx,
            'POST',
            `${path}/reissue`,
            { learnerName: name, reason, actor: operator() },
          );
          ctx.out(`reissued ${r.previous.number} as ${r.certificate.number} (email: ${r.email})`);
          for (const line of describe(r.certificate)) ctx.out(line);
          return;
        }
        case 'revoke': {
          if (!reason?.trim())
            throw new CliError(`--reason: say why the certificate is revoked (usage: ${USAGE})`);
          const r = await call<{ certificate: CertificateJson; revokedAt: string; changed: boolean }>(
            ctx,
            'POST',
            `${path}/revoke`,
            { reason, actor: operator() },
          );
          ctx.out(`${r.changed ? 'revoked' : 'already revoked'} ${r.certificate.number} at ${r.revokedAt}`);
          return;
        }
        default:
          throw new CliError(`unknown action "${action}" (usage: ${USAGE})`);
      }
    },
  },
};

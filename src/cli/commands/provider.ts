// The provider profile from a terminal: what every certificate, email footer
// and transcript prints. `put` replaces the whole profile from a JSON file
// (as `show --json` prints it), with the logo and signature read from image
// files; the answer says what was cleared, so nothing goes unnoticed.
import { readFile } from 'node:fs/promises';
import { CliError, type CliCommand, type CliContext } from '../command.js';
import { args, json, readJson, withClient } from '../api-call.js';
import { imageTypeOf } from '../../domain/provider.js';
import type { ProviderInput, ProviderView } from '../../client/index.js';

type Image = NonNullable<ProviderInput['logo']>;

/** A PNG or JPEG file as the API takes it; anything else is refused here, by name. */
async function imageFile(path: string, field: string): Promise<Image> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new CliError(`${field}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? ''}`);
  }
  const contentType = imageTypeOf(bytes);
  if (!contentType) throw new CliError(`${field}: ${path} is not a PNG or JPEG image`);
  return { contentType, base64: bytes.toString('base64') };
}

const PRINTED: [keyof ProviderView, string][] = [
  ['name', 'name'],
  ['contactEmail', 'contact email'],
  ['postalAddress', 'postal address'],
  ['accmeId', 'ACCME provider'],
  ['acpeProviderNumber', 'ACPE provider'],
  ['paceProviderNumber', 'P.A.C.E. provider'],
  ['californiaApprovalNumber', 'California approval'],
  ['floridaApprovalNumber', 'Florida approval'],
  ['signatoryName', 'signatory'],
  ['signatoryTitle', 'signatory title'],
];

function printProvider(ctx: CliContext, p: ProviderView): void {
  if (!p.stored) ctx.out('No provider profile stored yet: certificates use the activity provider name.');
  const width = Math.max(...PRINTED.map(([, label]) => label.length));
  for (const [key, label] of PRINTED) ctx.out(`${label.padEnd(width)}  ${String(p[key] ?? '-')}`);
  const image = (i: ProviderView['logo']) => (i ? `${i.contentType}, ${i.bytes} bytes` : '-');
  ctx.out(`${'logo'.padEnd(width)}  ${image(p.logo)}`);
  ctx.out(`${'signature'.padEnd(width)}  ${image(p.signature)}`);
  ctx.out('');
  ctx.out(`ACCME statement: ${p.accmeStatementPrinted}`);
  ctx.out(`ACPE statement: ${p.acpeStatementPrinted}`);
  ctx.out(`P.A.C.E. statement: ${p.paceStatementPrinted}`);
}

const provider: CliCommand = {
  usage: 'provider show [--json] | provider put <provider.json> [--logo <png|jpg>] [--signature <png|jpg>]',
  summary: 'Staff: the provider profile certificates, emails and transcripts print; put replaces all of it',
  async run(argv, ctx) {
    const { positionals, values } = args(
      argv,
      this.usage,
      ['show|put'],
      { json: { type: 'boolean' }, logo: { type: 'string' }, signature: { type: 'string' } },
      true,
    );
    const [verb, file] = positionals;
    if (verb === 'show' && positionals.length === 1) {
      const p = await withClient(ctx, (c) => c.getProvider());
      return values.json ? json(ctx, p) : printProvider(ctx, p);
    }
    if (verb !== 'put' || !file || positionals.length > 2) throw new CliError(`usage: ${this.usage}`);
    const body = (await readJson(file)) as ProviderInput & Record<string, unknown>;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new CliError(`${file}: expected a JSON object (as "provider show --json" prints)`);
    // What `show --json` prints but the API does not take: dropped, so its output can be edited and sent back.
    for (const key of ['stored', 'accmeStatementPrinted', 'acpeStatementPrinted', 'paceStatementPrinted'])
      delete body[key];
    for (const field of ['logo', 'signature'] as const) {
      const path = values[field];
      if (typeof path === 'string') body[field] = await imageFile(path, field);
      // An image as `show --json` describes it (type and size) is not an image: left out, so cleared.
      else if (body[field] && !('base64' in (body[field] as object))) delete body[field];
    }
    const before = await withClient(ctx, (c) => c.getProvider());
    const after = await withClient(ctx, (c) => c.putProvider(body));
    ctx.out(`provider profile saved: ${after.name}`);
    for (const field of ['logo', 'signature'] as const)
      if (before.stored && before[field] && !after[field])
        ctx.out(`${field} cleared (give --${field} <file> to keep one)`);
  },
};

export const providerCommands: Record<string, CliCommand> = { provider };

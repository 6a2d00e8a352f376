// Credential maintenance in a terminal: the requirement sets staff keep
// (ASCP CMP, California, Florida, ...), the review of CE from elsewhere, and a
// learner's credentials with credit moved by hand between topic requirements.
import { CliError, type CliCommand } from '../command.js';
import { formatTable } from '../table.js';
import { args, json, number, readJson, withClient } from '../api-call.js';
import type { CeEntryStatus, RequirementInput } from '../../client/index.js';

const ENTRY_STATUSES = ['submitted', 'verified', 'needs_more'];

const requirements: CliCommand = {
  usage: 'requirements [--json]',
  summary: 'Staff: the requirement set each licence or certification follows',
  async run(argv, ctx) {
    const { values } = args(argv, this.usage, [], { json: { type: 'boolean' } });
    const r = await withClient(ctx, (c) => c.listRequirements());
    if (values.json) return json(ctx, r);
    ctx.out(
      formatTable(
        ['id', 'name', 'applies to', 'total', 'cycle', 'topic minimums'],
        r.requirements.map((q) => [
          q.id,
          q.name,
          [q.appliesTo.kind, q.appliesTo.state, ...(q.appliesTo.subtypes ?? [])].filter(Boolean).join(' '),
          `${q.total} ${q.unit}`,
          `${q.cycleYears} y`,
          q.minimums.map((m) => `${m.label} ${m.hours}`).join('; '),
        ]),
      ),
    );
  },
};

const requirement: CliCommand = {
  usage: 'requirement show <id> | requirement put <id> <requirement.json> | requirement remove <id>',
  summary:
    'Staff: show, create or replace (dashboards and reminders follow at once), or remove a requirement set',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['show|put|remove', 'id'], {}, true);
    const [verb, id, file] = positionals;
    if (verb === 'show' && positionals.length === 2)
      return json(ctx, await withClient(ctx, (c) => c.getRequirement(id)));
    if (verb === 'remove' && positionals.length === 2) {
      const r = await withClient(ctx, (c) => c.deleteRequirement(id));
      return ctx.out(`requirement ${id} removed; ${r.requirements.length} left`);
    }
    if (verb !== 'put' || !file || positionals.length > 3) throw new CliError(`usage: ${this.usage}`);
    const body = (await readJson(file)) as RequirementInput;
    const r = await withClient(ctx, (c) => c.putRequirement(id, body));
    ctx.out(`requirement ${r.requirement.id} ${r.created ? 'created' : 'replaced'}`);
  },
};

const ceEntries: CliCommand = {
  usage: `ce-entries [${ENTRY_STATUSES.join('|')}] [--json]`,
  summary: 'Staff: CE from elsewhere by review status (default: submitted, waiting for review)',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, [], { json: { type: 'boolean' } }, true);
    const status = positionals[0] ?? 'submitted';
    if (!ENTRY_STATUSES.includes(status) || positionals.length > 1)
      throw new CliError(
        `status: expected one of ${ENTRY_STATUSES.join(', ')}, got "${positionals.join(' ')}"`,
      );
    const r = await withClient(ctx, (c) => c.listCeEntries(status as CeEntryStatus));
    if (values.json) return json(ctx, r);
    if (r.entries.length === 0) return ctx.out(`no ${status} entries`);
    ctx.out(
      formatTable(
        ['entry', 'learner', 'title', 'provider', 'completed', 'amount', 'evidence'],
        r.entries.map((e) => [
          e.entryId,
          e.learnerId,
          e.title,
          e.provider,
          e.completedOn,
          `${e.amount} ${e.unit}`,
          e.evidence?.filename ?? 'none',
        ]),
      ),
    );
  },
};

const ceEntryReview: CliCommand = {
  usage: 'ce-entry review <entryId> --verified | --needs-more "what is missing"',
  summary: 'Staff: verify a CE entry, or ask the learner for more (they are emailed the note)',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['entryId'], {
      verified: { type: 'boolean' },
      'needs-more': { type: 'string' },
    });
    const note = values['needs-more'] as string | undefined;
    if (!!values.verified === (note !== undefined))
      throw new CliError(`give --verified or --needs-more "note", one of them (usage: ${this.usage})`);
    if (note !== undefined && note.trim() === '')
      throw new CliError('needs-more: say what is missing; the learner reads it');
    const r = await withClient(ctx, (c) =>
      c.reviewCeEntry(
        positionals[0],
        note === undefined ? { status: 'verified' } : { status: 'needs_more', note },
      ),
    );
    ctx.out(`entry ${r.entryId}: ${r.status}${r.status === 'needs_more' ? ' (the learner is emailed)' : ''}`);
  },
};

const credentials: CliCommand = {
  usage: 'credentials <learnerId> [--json]',
  summary: "A learner's credentials: cycle, earned and needed, per topic, days left",
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['learnerId'], { json: { type: 'boolean' } });
    const r = await withClient(ctx, (c) => c.getCredentialDashboard(positionals[0]));
    if (values.json) return json(ctx, r);
    if (r.credentials.length === 0) return ctx.out('no licence or certification on file');
    ctx.out(
      formatTable(
        ['credential', 'cycle ends', 'earned', 'needed', 'topics met', 'moved by hand'],
        r.credentials.map((c) => [
          c.credentialKey,
          c.cycle?.endsOn ?? 'no cycle dates',
          String(c.earned),
          String(c.needed),
          `${c.met} of ${c.of}`,
          c.moved.join(', '),
        ]),
      ),
    );
  },
};

const creditMove: CliCommand = {
  usage:
    'credit move <learnerId> <credentialKey> <sourceId> <requirementId>=<hours>... | credit reset <learnerId> <credentialKey>',
  summary: 'Staff: split one source of credit among topic requirements by hand, or drop the hand-made moves',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['move|reset', 'learnerId', 'credentialKey'], {}, true);
    const [verb, learnerId, credentialKey, sourceId, ...parts] = positionals;
    if (verb === 'reset' && positionals.length === 3) {
      const r = await withClient(ctx, (c) => c.clearCreditMoves(learnerId, credentialKey));
      return ctx.out(
        `${r.credentialKey}: back to the best allocation; ${r.met} of ${r.of} topic requirements met`,
      );
    }
    if (verb !== 'move' || !sourceId) throw new CliError(`usage: ${this.usage}`);
    const split: Record<string, number> = {};
    for (const part of parts) {
      const [requirementId, hours, extra] = part.split('=');
      if (!requirementId || hours === undefined || extra !== undefined)
        throw new CliError(`expected <requirementId>=<hours>, got "${part}" (usage: ${this.usage})`);
      split[requirementId] = number(hours, requirementId);
    }
    const r = await withClient(ctx, (c) => c.moveCredit(learnerId, credentialKey, sourceId, split));
    ctx.out(
      `${r.credentialKey}: ${r.topics.map((t) => `${t.label} ${t.earned}/${t.needed}`).join('; ') || 'no topic requirements'}`,
    );
  },
};

export const maintenanceCommands: Record<string, CliCommand> = {
  requirements,
  requirement,
  'ce-entries': ceEntries,
  'ce-entry review': ceEntryReview,
  credentials,
  credit: creditMove,
};

// The CE office's workspace in a terminal: programs and committees, tracked
// actions, and disclosures (people, links, relevance and mitigation).
import { CliError, type CliCommand } from '../command.js';
import { formatTable } from '../table.js';
import { args, json, readJson, withClient } from '../api-call.js';
import type { ActionUpdate, DecisionInput, ProgramInput } from '../../client/index.js';

const programs: CliCommand = {
  usage: 'programs',
  summary: 'Programs with their committee, digest recipients and open actions',
  async run(argv, ctx) {
    args(argv, this.usage, []);
    const r = await withClient(ctx, (c) => c.listPrograms());
    ctx.out(
      formatTable(
        ['program', 'name', 'activities', 'open actions', 'committee', 'digest to'],
        r.programs.map((p) => [
          p.id,
          p.name,
          String(p.activities),
          String(p.openActions),
          p.committeeMembers.map((m) => m.name).join(', '),
          p.committeeEmails.join(', ') || 'off',
        ]),
      ),
    );
  },
};

const program: CliCommand = {
  usage: 'program put <programId> <program.json> | program show <programId>',
  summary: 'Staff: create or update a program ({ name, committeeMembers, committeeEmails }), or show one',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['put|show', 'programId'], {}, true);
    const [verb, id, file] = positionals;
    if (verb === 'show' && !file) return json(ctx, await withClient(ctx, (c) => c.getProgram(id)));
    if (verb !== 'put' || !file || positionals.length > 3) throw new CliError(`usage: ${this.usage}`);
    const body = (await readJson(file)) as ProgramInput;
    const r = await withClient(ctx, (c) => c.putProgram(id, body));
    ctx.out(`program ${r.programId} ${r.created ? 'created' : 'updated'}`);
  },
};

const actionsCommand: CliCommand = {
  usage: 'actions [--program id] [--series id] [--all]',
  summary: 'Actions the committee’s reviews require (open ones unless --all)',
  async run(argv, ctx) {
    const { values } = args(argv, this.usage, [], {
      program: { type: 'string' },
      series: { type: 'string' },
      all: { type: 'boolean' },
    });
    const r = await withClient(ctx, (c) =>
      c.listActions({
        ...(values.program ? { programId: values.program as string } : {}),
        ...(values.series ? { seriesId: values.series as string } : {}),
        status: values.all ? 'all' : 'open',
      }),
    );
    if (r.actions.length === 0) return ctx.out('no actions');
    ctx.out(
      formatTable(
        ['action', 'activity', 'what', 'owner', 'due', 'status'],
        r.actions.map((a) => [a.id, a.activityId, a.description, a.owner ?? '', a.dueOn ?? '', a.status]),
      ),
    );
  },
};

const action: CliCommand = {
  usage:
    'action <actionId> [--status open|in_progress|done|dropped] [--owner name] [--due YYYY-MM-DD] [--note text]',
  summary: 'Update a tracked action',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['actionId'], {
      status: { type: 'string' },
      owner: { type: 'string' },
      due: { type: 'string' },
      note: { type: 'string' },
    });
    const update = {
      ...(values.status ? { status: values.status } : {}),
      ...(values.owner !== undefined ? { owner: values.owner } : {}),
      ...(values.due ? { dueOn: values.due } : {}),
      ...(values.note ? { note: values.note } : {}),
    } as ActionUpdate;
    if (Object.keys(update).length === 0)
      throw new CliError('give at least one of --status, --owner, --due, --note');
    const a = await withClient(ctx, (c) => c.updateAction(positionals[0], update));
    ctx.out(
      `action ${a.id}: ${a.status}${a.owner ? `, owner ${a.owner}` : ''}${a.dueOn ? `, due ${a.dueOn}` : ''}`,
    );
  },
};

const disclosures: CliCommand = {
  usage: 'disclosures <activityId>',
  summary: "An activity's disclosures: each person, each relationship, relevance and mitigation",
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['activityId']);
    const d = await withClient(ctx, (c) => c.getDisclosures(positionals[0]));
    const s = d.status;
    ctx.out(
      `${d.title}: ${s.complete ? 'complete' : 'incomplete'}; ${s.disclosed} of ${s.people} disclosed, ${s.relevant} relevant, ${s.undecided} to decide, ${s.unmitigated} not mitigated; ${s.heldEmails} enrollment emails held`,
    );
    const rows = d.people.flatMap((p) =>
      !p.disclosure
        ? [[p.id, p.name, p.roles.join('+'), 'not disclosed', '', '', '']]
        : p.disclosure.nothingToDisclose
          ? [[p.id, p.name, p.roles.join('+'), 'nothing to disclose', '', '', '']]
          : p.disclosure.relationships.map((r) => [
              p.id,
              p.name,
              p.roles.join('+'),
              `${r.company}: ${r.nature}`,
              r.id,
              r.relevant === null ? 'to decide' : r.relevant ? 'relevant' : 'not relevant',
              r.mitigation ?? '',
            ]),
    );
    if (rows.length)
      ctx.out(
        formatTable(['person', 'name', 'roles', 'disclosed', 'relationship', 'decision', 'mitigation'], rows),
      );
  },
};

const disclosure: CliCommand = {
  usage:
    'disclosure add <activityId> <name> <email> --role faculty [--role planner] [--no-invite] | disclosure invite <activityId> <personId> | disclosure decide <activityId> <relationshipId> --relevant yes|no [--mitigation text]',
  summary: 'Staff: list a person (emailing their link), email it again, or decide on a relationship',
  async run(argv, ctx) {
    const { positionals, values } = args(
      argv,
      this.usage,
      ['add|invite|decide', 'activityId', 'id'],
      {
        role: { type: 'string', multiple: true },
        'no-invite': { type: 'boolean' },
        relevant: { type: 'string' },
        mitigation: { type: 'string' },
      },
      true,
    );
    const [verb, activityId, ...rest] = positionals;
    if (verb === 'add' && rest.length === 2) {
      const roles = (values.role as string[] | undefined) ?? [];
      const p = await withClient(ctx, (c) =>
        c.addDisclosurePerson(activityId, {
          name: rest[0],
          email: rest[1],
          roles: roles as ('planner' | 'faculty' | 'reviewer')[],
          invite: !values['no-invite'],
        }),
      );
      return ctx.out(
        `person ${p.id} listed (${p.roles.join(', ')}); disclosure link emailed ${p.invitations} time(s)`,
      );
    }
    if (verb === 'invite' && rest.length === 1) {
      const p = await withClient(ctx, (c) => c.inviteDisclosurePerson(activityId, rest[0]));
      return ctx.out(`disclosure link emailed to ${p.email} (${p.invitations} time(s) now)`);
    }
    if (verb === 'decide' && rest.length === 1) {
      if (values.relevant !== 'yes' && values.relevant !== 'no') throw new CliError('--relevant: yes or no');
      const decision: DecisionInput = {
        relevant: values.relevant === 'yes',
        ...(values.mitigation ? { mitigation: values.mitigation as string } : {}),
      };
      const d = await withClient(ctx, (c) => c.decideRelationship(activityId, rest[0], decision));
      return ctx.out(`recorded; disclosures ${d.status.complete ? 'complete' : 'still incomplete'}`);
    }
    throw new CliError(`usage: ${this.usage}`);
  },
};

export const workspaceCommands: Record<string, CliCommand> = {
  programs,
  program,
  actions: actionsCommand,
  action,
  disclosures,
  disclosure,
};

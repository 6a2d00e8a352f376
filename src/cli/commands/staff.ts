// Staff commands for the email outbox: mail whose delivery is unknown after a
// crash, resent by hand with its original Message-ID.
import type { CliCommand } from '../command.js';
import { formatTable } from '../table.js';
import { args, withClient } from '../api-call.js';

const outbox: CliCommand = {
  usage: 'outbox [unconfirmed|failed|pending|sending|sent]',
  summary: 'Staff: emails by status (default: unconfirmed after a crash)',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, [], {}, true);
    const status = (positionals[0] ?? 'unconfirmed') as 'unconfirmed';
    const r = await withClient(ctx, (c) => c.listOutbox(status));
    if (r.emails.length === 0) return ctx.out(`no ${status} emails`);
    ctx.out(
      formatTable(
        ['id', 'kind', 'to', 'subject', 'created'],
        r.emails.map((m) => [m.id, m.kind, m.toAddress, m.subject, m.createdAt]),
      ),
    );
  },
};

const resend: CliCommand = {
  usage: 'resend <emailId>',
  summary: 'Staff: resend an unconfirmed or failed email with its original Message-ID',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['emailId']);
    const r = await withClient(ctx, (c) => c.resendEmail(positionals[0]));
    ctx.out(`email ${r.id} resent (${r.messageId})`);
  },
};

const stuck: CliCommand = {
  usage: 'enrollments stuck',
  summary: 'Staff: enrollments whose workflow task keeps failing, with the problem',
  async run(argv, ctx) {
    args(argv, this.usage, [], {}, true);
    const r = await withClient(ctx, (c) => c.listStuck());
    if (r.enrollments.length === 0) return ctx.out('no enrollment is stuck');
    ctx.out(
      formatTable(
        ['enrollment', 'problem', 'failed attempts', 'since'],
        r.enrollments.map((e) => [
          e.enrollmentId ?? e.workflowId,
          e.problems.join(', '),
          String(e.attempts),
          e.since ?? '',
        ]),
      ),
    );
  },
};

const reset: CliCommand = {
  usage: 'enrollments reset <enrollmentId>',
  summary:
    'Staff: run a stuck enrollment again from its last good workflow task (its later events reapplied)',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId']);
    const r = await withClient(ctx, (c) => c.resetEnrollment(positionals[0]));
    ctx.out(
      `enrollment ${r.enrollmentId} reset to event ${r.resetToEventId} (${r.reason}); new run ${r.runId}`,
    );
  },
};

export const staffCommands: Record<string, CliCommand> = {
  outbox,
  resend,
  'enrollments stuck': stuck,
  'enrollments reset': reset,
};

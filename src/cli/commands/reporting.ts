// Staff commands for reporting credit to the regulators: the ledger with its
// deadline clocks, sending a submission again, and a regulator's batch file
// for a period (written to disk, optionally marked uploaded).
import { writeFile } from 'node:fs/promises';
import { CliError, type CliCommand } from '../command.js';
import { formatTable } from '../table.js';
import { args, json, withClient } from '../api-call.js';
import type { Regulator, ReportingFilters, ReportingLedger } from '../../client/index.js';

const REGULATORS = ['cpe_monitor', 'ce_broker', 'pars'];
const DAY_MS = 86_400_000;

function regulatorArg(value: string | undefined, usage: string): Regulator {
  if (!value || !REGULATORS.includes(value))
    throw new CliError(
      `regulator: expected one of ${REGULATORS.join(', ')}, got "${value ?? ''}" (usage: ${usage})`,
    );
  return value as Regulator;
}

/** The deadline clock as staff read it: days left, or how late. */
function clock(s: ReportingLedger['submissions'][number], now: number): string {
  if (!s.dueAt) return '';
  const due = s.dueAt.slice(0, 10);
  if (s.status === 'accepted') return `${due}${s.late ? ' (accepted late)' : ''}`;
  const days = Math.ceil((Date.parse(s.dueAt) - now) / DAY_MS);
  return days >= 0 ? `${due} (${days} d left)` : `${due} (LATE ${-days} d)`;
}

const list: CliCommand = {
  usage: 'reporting list [--regulator r] [--status s] [--activity id] [--due-before YYYY-MM-DD] [--json]',
  summary: 'Staff: submissions to CPE Monitor, CE Broker and PARS, with their deadlines (late ones marked)',
  async run(argv, ctx) {
    const { values } = args(argv, this.usage, [], {
      regulator: { type: 'string' },
      status: { type: 'string' },
      activity: { type: 'string' },
      'due-before': { type: 'string' },
      json: { type: 'boolean' },
    });
    const filters = {
      regulator: values.regulator,
      status: values.status,
      activity: values.activity,
      dueBefore: values['due-before'],
    } as ReportingFilters;
    const r = await withClient(ctx, (c) => c.listReporting(filters));
    if (values.json) return json(ctx, r);
    if (r.submissions.length === 0) return ctx.out('no submission matches');
    const now = Date.now();
    ctx.out(
      formatTable(
        ['id', 'regulator', 'status', 'activity', 'due', 'attempts', 'why'],
        r.submissions.map((s) => [
          s.id,
          s.regulator,
          s.late && s.status !== 'late' ? `${s.status} LATE` : s.status === 'late' ? 'LATE' : s.status,
          s.activityId,
          clock(s, now),
          String(s.attempts),
          s.blockedReason ?? s.rejectionMessage ?? (s.deliveryUnknown ? 'delivery unknown' : ''),
        ]),
      ),
    );
  },
};

const retry: CliCommand = {
  usage: 'reporting retry <submissionId> [--note "…"]',
  summary: 'Staff: send a submission again (after fixing what held or refused it)',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['submissionId'], { note: { type: 'string' } });
    const r = await withClient(ctx, (c) =>
      c.retryReportingSubmission(positionals[0], values.note as string | undefined),
    );
    ctx.out(`submission ${r.id}: ${r.status}, sent again`);
  },
};

const exportFile: CliCommand = {
  usage: 'reporting export <regulator> --from YYYY-MM-DD --to YYYY-MM-DD [--out file] [--uploaded]',
  summary: 'Staff: write a regulator’s batch file for a period; --uploaded marks its records submitted',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['regulator'], {
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
      uploaded: { type: 'boolean' },
    });
    const regulator = regulatorArg(positionals[0], this.usage);
    const { from, to } = values as { from?: string; to?: string };
    if (!from || !to) throw new CliError(`--from and --to: the period is required (usage: ${this.usage})`);
    const file = await withClient(ctx, (c) => c.getReportingFile(regulator, { from, to }));
    const out = (values.out as string | undefined) ?? file.filename;
    try {
      await writeFile(out, file.body);
    } catch (err) {
      throw new CliError(
        `cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    ctx.out(
      `wrote ${out}: ${file.submissionIds.length} record(s)` +
        (file.leftOut ? `, ${file.leftOut} held back (see reporting list)` : ''),
    );
    if (!values.uploaded || file.submissionIds.length === 0) return;
    const r = await withClient(ctx, (c) => c.markReportingUploaded(regulator, file.submissionIds));
    ctx.out(
      `marked ${r.submitted.length} record(s) uploaded; confirm them once ${regulator} accepts the file`,
    );
  },
};

export const reportingCommands: Record<string, CliCommand> = {
  'reporting list': list,
  'reporting retry': retry,
  'reporting export': exportFile,
};

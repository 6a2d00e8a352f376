// Operators' commands for the enrollment API: the same operations an LMS
// performs, through the typed client, printed for a terminal.
import { randomUUID } from 'node:crypto';
import { CliError, type CliCommand } from '../command.js';
import type { CeOutcomesClient } from '../../client/index.js';
import { formatTable } from '../table.js';
import { args, json, number, readJson, withClient } from '../api-call.js';

const activity: CliCommand = {
  usage: 'activity put <activityId> <activity.json> | show <activityId>',
  summary: 'Create/update an activity and its policy, or show it',
  async run(argv, ctx) {
    const [sub, ...more] = argv;
    if (sub === 'put') {
      const { positionals } = args(more, 'activity put <activityId> <activity.json>', ['activityId', 'file']);
      const body = (await readJson(positionals[1])) as Parameters<CeOutcomesClient['putActivity']>[1];
      const saved = await withClient(ctx, (c) => c.putActivity(positionals[0], body));
      ctx.out(`activity ${saved.activityId} ${saved.created ? 'created' : 'updated'}`);
    } else if (sub === 'show') {
      const { positionals } = args(more, 'activity show <activityId>', ['activityId']);
      json(ctx, await withClient(ctx, (c) => c.getActivity(positionals[0])));
    } else {
      throw new CliError(
        'expected "put" or "show" (usage: activity put <id> <file.json> | activity show <id>)',
      );
    }
  },
};

const enroll: CliCommand = {
  usage: 'enroll <activityId> <learner.json> [--waiver reason]',
  summary: 'Enroll a learner (an existing enrollment is returned as is)',
  async run(argv, ctx) {
    const usage = this.usage;
    const { positionals, values } = args(argv, usage, ['activityId', 'learner.json'], {
      waiver: { type: 'string' },
    });
    const learner = (await readJson(positionals[1])) as Parameters<CeOutcomesClient['enroll']>[1]['learner'];
    const feeWaiver = values.waiver as string | undefined;
    const e = await withClient(ctx, (c) =>
      c.enroll(positionals[0], { learner, ...(feeWaiver ? { feeWaiver } : {}) }),
    );
    ctx.out(
      `${e.created ? 'enrolled' : 'already enrolled'}: enrollment ${e.enrollmentId} (workflow ${e.workflowId})`,
    );
  },
};

const payment: CliCommand = {
  usage: 'payment <enrollmentId> <amountCents> <reference> [--currency USD]',
  summary: 'Record a payment',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['enrollmentId', 'amountCents', 'reference'], {
      currency: { type: 'string' },
    });
    const [id, amount, reference] = positionals;
    await withClient(ctx, (c) =>
      c.recordPayment(id, {
        amountCents: number(amount, 'amountCents', true),
        reference,
        currency: (values.currency as string | undefined) ?? 'USD',
        receivedAt: new Date().toISOString(),
      }),
    );
    ctx.out(`payment ${reference} accepted for enrollment ${id}`);
  },
};

const attendance: CliCommand = {
  usage: 'attendance <enrollmentId> <minutes> [--completed] [--session s]',
  summary: 'Record attendance (--completed when finished; --event key makes a retry harmless)',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['enrollmentId', 'minutes'], {
      completed: { type: 'boolean' },
      session: { type: 'string' },
      event: { type: 'string' },
    });
    const [id, minutes] = positionals;
    const session = values.session as string | undefined;
    await withClient(ctx, (c) =>
      c.recordAttendance(id, {
        // The event key makes a repeated command harmless; without one, each call is a new event.
        eventKey: (values.event as string | undefined) ?? session ?? `cli-${randomUUID()}`,
        minutes: number(minutes, 'minutes', true),
        ...(session ? { sessionId: session } : {}),
        completed: values.completed === true,
        recordedAt: new Date().toISOString(),
      }),
    );
    ctx.out(
      `attendance of ${minutes} minutes accepted for enrollment ${id}${values.completed ? ' (completed)' : ''}`,
    );
  },
};

const withdraw: CliCommand = {
  usage: 'withdraw <enrollmentId> <reason> [--refund reference]',
  summary: 'Withdraw a learner',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['enrollmentId', 'reason'], {
      refund: { type: 'string' },
    });
    const [id, reason] = positionals;
    const refund = values.refund as string | undefined;
    await withClient(ctx, (c) =>
      c.withdraw(id, {
        reason,
        ...(refund ? { refundReference: refund } : {}),
        at: new Date().toISOString(),
      }),
    );
    ctx.out(`withdrawal accepted for enrollment ${id}`);
  },
};

const enrollment: CliCommand = {
  usage: 'enrollment <enrollmentId> [--json]',
  summary: "Show an enrollment's state and its stages",
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['enrollmentId'], { json: { type: 'boolean' } });
    const e = await withClient(ctx, (c) => c.getEnrollment(positionals[0]));
    if (values.json) return json(ctx, e);
    const s = e.state;
    ctx.out(`enrollment ${e.enrollmentId}  activity ${e.activityId}  learner ${e.learnerId}`);
    ctx.out(
      `stage ${s.stage}${s.outcome ? ` (${s.outcome})` : ''}  paid ${s.paid ? 'yes' : e.feeWaiver ? `waived: ${e.feeWaiver}` : 'no'}` +
        `  minutes ${s.minutesAttended}  attempts ${s.competenceAttempts}${s.competencePassed ? ' (passed)' : ''}` +
        `  evaluated ${s.evaluated ? 'yes' : 'no'}` +
        (s.claims.length
          ? `  claimed ${s.claims.map((c) => `${c.creditType} ${c.credits}`).join(', ')}`
          : '') +
        (s.followUpStatus ? `  follow-up ${s.followUpStatus} (${s.followUpRemindersSent} reminders)` : ''),
    );
    ctx.out('');
    ctx.out(
      formatTable(
        ['stage', 'at'],
        e.stages.map((st) => [st.stage, st.at]),
      ),
    );
  },
};

export const enrollmentCommands: Record<string, CliCommand> = {
  activity,
  enroll,
  payment,
  attendance,
  withdraw,
  enrollment,
};

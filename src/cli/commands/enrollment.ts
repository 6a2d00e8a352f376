// Operators' commands for the enrollment API: the same operations an LMS
// performs, through the typed client, printed for a terminal.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type CliCommand, type CliContext } from '../command.js';
import { CeOutcomesApiError, createCeOutcomesClient, type CeOutcomesClient } from '../../client/index.js';
import { formatTable } from '../table.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Positional arguments (exactly `names`) and flags; a wrong count is a one-line usage error. */
function args(argv: string[], usage: string, names: string[], options: Options = {}, rest = false) {
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

async function readJson(path: string): Promise<unknown> {
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

function number(value: string, name: string, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)))
    throw new CliError(`${name}: expected ${integer ? 'a whole number' : 'a number'}, got "${value}"`);
  return n;
}

/** Runs one API call; an API refusal becomes one line with the status and the server's message. */
async function withClient<T>(ctx: CliContext, run: (client: CeOutcomesClient) => Promise<T>): Promise<T> {
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

const json = (ctx: CliContext, value: unknown) => ctx.out(JSON.stringify(value, null, 2));

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

const competence: CliCommand = {
  usage: 'competence <enrollmentId> <itemId=optionId>...',
  summary: 'Submit competence-check answers; prints the grade',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId', 'itemId=optionId'], {}, true);
    const [id, ...pairs] = positionals;
    const answers: Record<string, string> = {};
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at < 1) throw new CliError(`"${pair}": expected itemId=optionId`);
      answers[pair.slice(0, at)] = pair.slice(at + 1);
    }
    const r = await withClient(ctx, (c) => c.submitCompetence(id, { answers }));
    ctx.out(
      `attempt ${r.attemptNo}: score ${Math.round(r.score * 100)}% ${r.passed ? 'passed' : 'not passed'}, ${r.attemptsLeft} attempts left`,
    );
  },
};

const evaluation: CliCommand = {
  usage: 'evaluation <enrollmentId> <evaluation.json>',
  summary: 'Submit the evaluation and commitment to change',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId', 'evaluation.json']);
    const body = (await readJson(positionals[1])) as Parameters<CeOutcomesClient['submitEvaluation']>[1];
    await withClient(ctx, (c) => c.submitEvaluation(positionals[0], body));
    ctx.out(`evaluation recorded for enrollment ${positionals[0]}`);
  },
};

const claim: CliCommand = {
  usage: 'claim <enrollmentId> <creditType=credits>...',
  summary: 'Claim credit, e.g. claim <id> ama_pra_1=1.5 pace=2',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId', 'creditType=credits'], {}, true);
    const [id, ...pairs] = positionals;
    const claims = pairs.map((pair) => {
      const [creditType, credits] = pair.split('=');
      if (!creditType || credits === undefined) throw new CliError(`"${pair}": expected creditType=credits`);
      return { creditType, credits: number(credits, creditType) };
    }) as Parameters<CeOutcomesClient['submitClaim']>[1]['claims'];
    const r = await withClient(ctx, (c) => c.submitClaim(id, { claims }));
    ctx.out(`claim accepted: ${r.claims.map((c) => `${c.creditType} ${c.credits}`).join(', ')}`);
  },
};

const claimable: CliCommand = {
  usage: 'claimable <enrollmentId>',
  summary: 'Most a learner may claim per credit type, with reasons',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId']);
    const r = await withClient(ctx, (c) => c.getClaimable(positionals[0]));
    ctx.out(`minutes attended: ${r.minutesAttended ?? 'not measured (enduring, completed)'}`);
    ctx.out(
      formatTable(
        ['credit type', 'designated', 'claimable', 'why'],
        r.credits.map((c) => [c.creditType, String(c.designated), String(c.max), c.reason ?? '']),
      ),
    );
  },
};

const followUp: CliCommand = {
  usage: 'follow-up <enrollmentId> <fully|partly|not> [--confidence n] [--barrier b]',
  summary: 'Answer the follow-up questionnaire',
  async run(argv, ctx) {
    const { positionals, values } = args(argv, this.usage, ['enrollmentId', 'implemented'], {
      confidence: { type: 'string' },
      barrier: { type: 'string', multiple: true },
      comments: { type: 'string' },
    });
    const [id, implemented] = positionals;
    if (!['fully', 'partly', 'not'].includes(implemented))
      throw new CliError(`implemented: expected fully, partly or not, got "${implemented}"`);
    await withClient(ctx, (c) =>
      c.submitFollowUp(id, {
        implemented: implemented as 'fully' | 'partly' | 'not',
        ...(values.confidence ? { confidence: number(values.confidence as string, 'confidence', true) } : {}),
        ...(values.barrier ? { barriers: values.barrier as string[] } : {}),
        ...(values.comments ? { comments: values.comments as string } : {}),
      }),
    );
    ctx.out(`follow-up recorded for enrollment ${id}`);
  },
};

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

export const enrollmentCommands: Record<string, CliCommand> = {
  activity,
  enroll,
  payment,
  attendance,
  withdraw,
  enrollment,
  competence,
  evaluation,
  claim,
  claimable,
  'follow-up': followUp,
  outbox,
  resend,
};

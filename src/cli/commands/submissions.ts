// The learner's submissions from a terminal (for support staff and testing):
// competence answers, the evaluation, the claim, and the follow-up answer.
import { CliError, type CliCommand } from '../command.js';
import type { CeOutcomesClient } from '../../client/index.js';
import { formatTable } from '../table.js';
import { args, number, readJson, withClient } from '../api-call.js';
import { percent } from '../../platform/format.js';

/** `key=value` arguments as pairs; anything else is a one-line usage error. */
function keyValues(pairs: string[], shape: string): [string, string][] {
  return pairs.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new CliError(`"${pair}": expected ${shape}`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

const competence: CliCommand = {
  usage: 'competence <enrollmentId> <itemId=optionId>...',
  summary: 'Submit competence-check answers; prints the grade',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId', 'itemId=optionId'], {}, true);
    const [id, ...pairs] = positionals;
    const answers = Object.fromEntries(keyValues(pairs, 'itemId=optionId'));
    const r = await withClient(ctx, (c) => c.submitCompetence(id, { answers }));
    ctx.out(
      `attempt ${r.attemptNo}: score ${percent(r.score)} ${r.passed ? 'passed' : 'not passed'}, ${r.attemptsLeft} attempts left`,
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
  usage: 'claim <enrollmentId> <creditType=credits...|participation>',
  summary: 'Claim credit, e.g. claim <id> ama_pra_1=1.5; "participation" when no type may be claimed',
  async run(argv, ctx) {
    const { positionals } = args(argv, this.usage, ['enrollmentId', 'creditType=credits'], {}, true);
    const [id, ...pairs] = positionals;
    // No line asks for a certificate of participation (taken only when no type is claimable).
    const participation = pairs.length === 1 && pairs[0] === 'participation';
    const claims = (participation ? [] : keyValues(pairs, 'creditType=credits')).map(
      ([creditType, credits]) => ({
        creditType,
        credits: number(credits, creditType),
      }),
    ) as Parameters<CeOutcomesClient['submitClaim']>[1]['claims'];
    const r = await withClient(ctx, (c) => c.submitClaim(id, { claims }));
    ctx.out(
      participation
        ? 'claim accepted: certificate of participation'
        : `claim accepted: ${r.claims.map((c) => `${c.creditType} ${c.credits}`).join(', ')}`,
    );
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
        ['credit type', 'designated', 'claimable', 'why', 'counts toward'],
        r.credits.map((c) => [
          c.creditType,
          String(c.designated),
          String(c.max),
          c.reason ?? '',
          c.countsToward.join('; '),
        ]),
      ),
    );
    if (r.participation)
      ctx.out(
        `no credit type open: \`claim ${positionals[0]} participation\` issues a certificate of participation for ${r.participation.hours} hours`,
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

export const submissionCommands: Record<string, CliCommand> = {
  competence,
  evaluation,
  claim,
  claimable,
  'follow-up': followUp,
};

// npm run demo: against a running stack (npm start), creates a live activity
// whose weeks are seconds, enrolls a realistic cohort of about fifty learners,
// drives them through the API until every workflow has closed, then prints
// what happened and where to look.
import { CeOutcomesApiError, createCeOutcomesClient, type CeOutcomesClient } from '../client/index.js';
import { demoActivity } from '../demo/activity.js';
import { cohortPersonas, runLearner, type LearnerRun } from '../demo/cohort.js';
import { DemoInbox } from '../demo/inbox.js';
import { startDemoRegulators } from '../demo/regulators.js';
import { formatTable } from '../cli/table.js';

const LIVE_SECONDS = 25;
/**
 * Every workflow closes on its own (each wait has a window in the policy), in
 * about two minutes on an idle machine; the deadline only guards a stuck stack.
 */
const DEADLINE_MS = 8 * 60_000;

const started = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`[demo +${Math.round((Date.now() - started) / 1000)}s] ${line}`);

function tally<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** Learners still acting keep run.final fresh themselves; only the others are asked here. */
async function stagesNow(client: CeOutcomesClient, runs: LearnerRun[]): Promise<void> {
  await Promise.all(
    runs.map(async (r) => {
      if (r.done && r.enrollmentId && r.final?.state.stage !== 'closed')
        r.final = await client.getEnrollment(r.enrollmentId);
    }),
  );
}

async function main(): Promise<number> {
  const baseUrl = (process.env.CE_OUTCOMES_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = process.env.CE_OUTCOMES_TOKEN ?? process.env.API_TOKEN ?? 'dev-enrollment-token';
  // Fifty learners at once on one laptop can keep the dev server busy past the
  // client's default 30 s of sending a submission again (202, 503); an LMS would keep trying.
  const client = createCeOutcomesClient({ baseUrl, token, pendingRetryMs: 120_000 });

  const health = await fetch(`${baseUrl}/healthz`).catch(() => null);
  if (!health) {
    console.error(
      `demo: nothing answers at ${baseUrl}; start the stack first (npm start) or set CE_OUTCOMES_URL`,
    );
    return 1;
  }

  const runTag = new Date().toISOString().replace(/\D/g, '').slice(2, 14);
  const activityId = `demo-${runTag}`;
  const activity = demoActivity(new Date(), LIVE_SECONDS);
  await client.putActivity(activityId, activity);
  log(
    `activity ${activityId}: live for ${LIVE_SECONDS}s, payment window ${activity.policy.windows?.payment}, ` +
      `follow-up ${activity.policy.followUp?.delay} after the end, reminders ${activity.policy.followUp?.reminders?.join('/')}, ` +
      `closes ${activity.policy.followUp?.closeAfter} later`,
  );

  const staffToken = process.env.STAFF_TOKEN ?? 'dev-staff-token';
  const regulators = await startDemoRegulators(
    createCeOutcomesClient({ baseUrl, token: staffToken }),
    { baseUrl, staffToken },
    activityId,
    activity,
    log,
  );

  const runs: LearnerRun[] = cohortPersonas().map((persona, i) => ({ n: i + 1, persona }));
  log(
    `enrolling ${runs.length} learners: ${[...tally(runs, (r) => r.persona.kind)].map(([k, n]) => `${n} ${k}`).join(', ')}`,
  );

  const deadline = started + DEADLINE_MS;
  let learnersDone = false;
  const inbox = await DemoInbox.open(baseUrl);
  if (!inbox) log('no local mail capture at /mail.json: every learner answers through the API');
  const learners = Promise.all(
    runs.map((run) => runLearner(client, activityId, runTag, run, deadline, inbox)),
  ).then(() => {
    learnersDone = true;
  });

  // Progress until every enrollment has closed.
  for (;;) {
    await sleep(10_000);
    await stagesNow(client, runs);
    const stages = tally(
      runs.filter((r) => r.final),
      (r) => r.final!.state.stage,
    );
    log([...stages].map(([s, n]) => `${s} ${n}`).join(', '));
    const allClosed = runs.every((r) => r.final?.state.stage === 'closed' || (!r.enrollmentId && r.surprise));
    if (allClosed && learnersDone) break;
    if (Date.now() > deadline) {
      console.error(`demo: not every enrollment closed within ${DEADLINE_MS / 1000}s`);
      break;
    }
  }
  await learners;

  printSummary(runs);
  const reported = regulators ? await regulators.followUp(90_000) : true;
  await regulators?.stop();
  // The stack's UI port is its own setting; the demo knows it only when told (same variable).
  const uiPort = process.env.TEMPORAL_UI_PORT ?? '8233';
  const temporalUi = process.env.TEMPORAL_UI_URL ?? `http://localhost:${uiPort}`;
  const query = encodeURIComponent(`WorkflowId STARTS_WITH "enrollment:${activityId}:"`);
  console.log(
    [
      '',
      'Where to look:',
      `  Workflows (Temporal UI):  ${temporalUi}/namespaces/default/workflows?query=${query}` +
        (process.env.TEMPORAL_UI_PORT || process.env.TEMPORAL_UI_URL
          ? ''
          : '  (set TEMPORAL_UI_PORT if npm start used another)'),
      `  Emails sent (capture):    ${baseUrl}/mail`,
      `  Outcome report:           ${baseUrl}/reports/activities/${activityId}`,
      `  Reporting (staff):        ${baseUrl}/reporting?activity=${activityId}`,
      `  An enrollment:            npx ce-outcomes enrollment ${runs.find((r) => r.enrollmentId)?.enrollmentId ?? '<id>'}`,
      `  API document:             ${baseUrl}/openapi.json`,
    ].join('\n'),
  );
  const failed = runs.filter((r) => r.surprise || r.final?.state.stage !== 'closed');
  if (!reported) console.error('demo: not every submission was accepted by the fake regulators');
  return failed.length || !reported ? 1 : 0;
}

function printSummary(runs: LearnerRun[]): void {
  console.log('\nHow each kind of learner ended:');
  const rows = [...tally(runs, (r) => r.persona.kind)].map(([kind]) => {
    const group = runs.filter((r) => r.persona.kind === kind);
    const ends = tally(group, (r) => r.final?.state.outcome ?? r.final?.state.stage ?? 'not enrolled');
    const follow = tally(
      group.filter((r) => r.final?.state.followUpStatus),
      (r) => r.final!.state.followUpStatus!,
    );
    const credits = group.flatMap((r) => r.final?.state.claims ?? []);
    return [
      kind,
      String(group.length),
      [...ends].map(([o, n]) => `${o} ${n}`).join(', '),
      [...follow].map(([o, n]) => `${o} ${n}`).join(', '),
      credits.length ? String(credits.reduce((sum, c) => sum + c.credits, 0)) : '',
    ];
  });
  console.log(formatTable(['learners', 'n', 'outcome', 'follow-up', 'credits claimed'], rows));
  const surprises = runs.filter((r) => r.surprise || (r.final && r.final.state.stage !== 'closed'));
  if (surprises.length) {
    console.log('\nDid not go to script:');
    for (const r of surprises)
      console.log(
        `  #${r.n} (${r.persona.kind}) ${r.enrollmentId ?? ''}: ${r.surprise ?? `still ${r.final?.state.stage}`}`,
      );
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message =
      err instanceof CeOutcomesApiError ? `HTTP ${err.status}: ${err.message}` : (err as Error).message;
    console.error(`demo: ${message.split('\n')[0]}`);
    process.exit(1);
  },
);

// The demo cohort: about fifty learners who behave like real ones. Each is
// driven through the API as an LMS would (enroll, payment, attendance,
// withdrawal) and as the learner forms do (answers, evaluation, claim,
// follow-up), waiting for the workflow to reach each stage as a person would
// wait for the email.
import { CeOutcomesApiError, type CeOutcomesClient, type EnrollmentView } from '../client/index.js';
import { demoAnswers } from './activity.js';
import type { DemoInbox } from './inbox.js';
import { demoLearner } from './learners.js';

export type FollowUpHabit = 'prompt' | 'after_reminder' | 'never';

export interface Persona {
  kind: string;
  waiver?: string;
  pays: boolean;
  /** Minutes per session; the last one is marked completed. */
  sessions: number[];
  withdraws?: boolean;
  /** Wrong answers on each attempt until one passes (0 wrong passes). */
  wrongPerAttempt: number[];
  /** Claims more than attended first, is refused, then claims what is claimable. */
  overclaims?: boolean;
  followUp: FollowUpHabit;
}

const full = [60, 60];

/** Who is in the cohort, by behaviour, and how many of each. */
export function cohortPersonas(): Persona[] {
  const habits: FollowUpHabit[] = ['prompt', 'after_reminder', 'never', 'prompt', 'never'];
  const people: Persona[] = [];
  const add = (n: number, p: Omit<Persona, 'followUp'>) => {
    for (let i = 0; i < n; i++) people.push({ ...p, followUp: habits[people.length % habits.length] });
  };
  add(21, { kind: 'completes', pays: true, sessions: full, wrongPerAttempt: [0] });
  add(8, { kind: 'passes on 2nd attempt', pays: true, sessions: full, wrongPerAttempt: [2, 0] });
  add(5, { kind: 'attends 75 minutes', pays: true, sessions: [45, 30], wrongPerAttempt: [0] });
  add(2, {
    kind: 'overclaims, then corrects',
    pays: true,
    sessions: [60, 40],
    wrongPerAttempt: [1],
    overclaims: true,
  });
  add(3, {
    kind: 'faculty (fee waived)',
    waiver: 'faculty',
    pays: false,
    sessions: full,
    wrongPerAttempt: [0],
  });
  add(4, { kind: 'fails every attempt', pays: true, sessions: full, wrongPerAttempt: [2, 3, 2] });
  add(3, { kind: 'withdraws', pays: true, sessions: [30], withdraws: true, wrongPerAttempt: [] });
  add(4, { kind: 'never pays', pays: false, sessions: [], wrongPerAttempt: [] });
  return people;
}

const COMMITMENTS = [
  'Order the GDH/toxin algorithm instead of stool culture for hospital-onset diarrhoea',
  'Reflex discordant GDH/toxin results to PCR and report both',
  'Stop ordering test-of-cure after C. difficile treatment',
  'Brief ward staff on soap-and-water hand hygiene for toxin-positive patients',
];
const BARRIERS = ['time', 'ordering system defaults', 'colleagues unconvinced', 'lab turnaround'];

export interface LearnerRun {
  n: number;
  /** The learner's script has ended (the workflow may still be running). */
  done?: boolean;
  persona: Persona;
  enrollmentId?: string;
  /** What went differently from the persona's script (shown in the summary). */
  surprise?: string;
  final?: EnrollmentView;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (maxMs: number) => sleep(Math.floor(Math.random() * maxMs));

class Surprise extends Error {}

/** Polls the enrollment until `ready` holds; a closed enrollment that is not ready is a surprise. */
async function waitUntil(
  client: CeOutcomesClient,
  run: LearnerRun,
  what: string,
  ready: (e: EnrollmentView) => boolean,
  deadline: number,
): Promise<EnrollmentView> {
  for (;;) {
    const e = await client.getEnrollment(run.enrollmentId!);
    run.final = e; // the progress report reads it from here instead of asking again
    if (ready(e)) return e;
    if (e.state.stage === 'closed')
      throw new Surprise(`closed (${e.state.outcome}) while waiting for ${what}`);
    if (Date.now() > deadline)
      throw new Surprise(`still ${e.state.stage} at the demo's deadline, waiting for ${what}`);
    // Every poll is a workflow query; a person checks their inbox every few seconds, not constantly.
    await sleep(3000 + Math.random() * 2000);
  }
}

const at = (stage: string) => (e: EnrollmentView) => e.state.stage === stage;

/** One learner from enrollment to the end of their story (not necessarily the workflow's end). */
export async function runLearner(
  client: CeOutcomesClient,
  activityId: string,
  runTag: string,
  run: LearnerRun,
  /** Epoch ms after which the learner stops waiting for the next email. */
  deadline: number,
  /** The captured mail, when the stack has a local capture. */
  inbox?: DemoInbox,
): Promise<void> {
  const p = run.persona;
  const wait = (what: string, ready: (e: EnrollmentView) => boolean) =>
    waitUntil(client, run, what, ready, deadline);
  try {
    await jitter(3000);
    const learner = demoLearner(run.n, runTag);
    const enrolled = await client.enroll(activityId, {
      learner,
      ...(p.waiver ? { feeWaiver: p.waiver } : {}),
    });
    run.enrollmentId = enrolled.enrollmentId;
    const id = enrolled.enrollmentId;
    if (!p.pays && !p.waiver) return; // lapses when the payment window closes

    if (p.pays) {
      await jitter(4000);
      await client.recordPayment(id, {
        amountCents: 4900,
        currency: 'USD',
        reference: `demo-pay-${runTag}-${run.n}`,
        receivedAt: new Date().toISOString(),
      });
    }
    for (const [i, minutes] of p.sessions.entries()) {
      await jitter(1500);
      await client.recordAttendance(id, {
        eventKey: `session-${i + 1}`,
        sessionId: `session-${i + 1}`,
        minutes,
        completed: !p.withdraws && i === p.sessions.length - 1,
        recordedAt: new Date().toISOString(),
      });
    }
    if (p.withdraws) {
      await jitter(2000);
      await client.withdraw(id, {
        reason: 'Clinical duties: could not attend the second half',
        refundReference: `demo-refund-${runTag}-${run.n}`,
        at: new Date().toISOString(),
      });
      return;
    }

    // The competence-check invitation arrives at the end of the activity.
    await wait('the competence check', at('competence'));
    let passed = false;
    for (const [attempt, wrong] of p.wrongPerAttempt.entries()) {
      // A retry comes after reading the feedback on the failed attempt.
      await (attempt === 0 ? jitter(2000) : sleep(4000 + Math.random() * 4000));
      const result = await client.submitCompetence(id, { answers: demoAnswers(wrong) });
      passed = result.passed;
      if (passed || result.attemptsLeft === 0) break;
    }
    if (!passed) return; // ends without credit, the attempts kept

    await wait('the evaluation', at('evaluation'));
    await jitter(2000);
    await client.submitEvaluation(id, {
      objectiveRatings: [5, 4, 4 + (run.n % 2)],
      relevance: 3 + (run.n % 3),
      freeOfCommercialBias: run.n % 17 !== 5,
      ...(run.n % 17 === 5 ? { biasComment: 'One speaker named a single test vendor repeatedly' } : {}),
      commitment: COMMITMENTS[run.n % COMMITMENTS.length],
    });

    await wait('the claim form', at('claim'));
    const claimable = await client.getClaimable(id);
    const claims = claimable.credits
      .filter((c) => c.max > 0)
      .map((c) => ({ creditType: c.creditType, credits: c.max }));
    // A learner who may claim no type sends no line: a certificate of participation.
    if (p.overclaims && claims.length > 0) {
      try {
        await client.submitClaim(id, { claims: claims.map((c) => ({ ...c, credits: c.credits + 1 })) });
        run.surprise = 'an over-claim was accepted';
      } catch (err) {
        if (!(err instanceof CeOutcomesApiError && err.status === 422)) throw err;
      }
    }
    await client.submitClaim(id, { claims });

    if (p.followUp === 'never') return;
    const implemented = (['fully', 'partly', 'not', 'fully'] as const)[run.n % 4];
    if (p.followUp === 'after_reminder' && inbox) {
      // Opens the reminder email and clicks a one-click answer, like a person would.
      const link = await inbox.followUpLink(learner.email, 2, implemented, deadline);
      await jitter(2000);
      const page = await fetch(link);
      if (!page.ok) throw new Surprise(`the one-click answer in the reminder answered HTTP ${page.status}`);
      await wait('the clicked answer to be recorded', (e) => e.state.followUpStatus === 'answered');
      return;
    }
    await wait(
      p.followUp === 'prompt' ? 'the follow-up email' : 'a follow-up reminder',
      (e) => e.state.stage === 'follow_up' && (p.followUp === 'prompt' || e.state.followUpRemindersSent >= 1),
    );
    await jitter(3000);
    await client.submitFollowUp(id, {
      implemented,
      ...(implemented !== 'fully' ? { barriers: [BARRIERS[run.n % BARRIERS.length]] } : {}),
      confidence: 2 + (run.n % 4),
    });
  } catch (err) {
    run.surprise =
      err instanceof Surprise
        ? err.message
        : err instanceof CeOutcomesApiError
          ? `HTTP ${err.status}: ${err.message}`
          : (err as Error).message;
  } finally {
    run.done = true;
  }
}

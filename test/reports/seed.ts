// Seeds a cohort whose every answer the test chose, straight into the tables
// the lifecycle writes, so each report figure has a known right value.
import type { Database } from '../../src/db/client.js';
import {
  activities,
  competenceAttempts,
  creditClaims,
  emailOutbox,
  enrollments,
  evaluations,
  followUpResponses,
  learners,
  programs,
  certificates,
} from '../../src/db/schema/index.js';
import type { CreditType, PolicyInput } from '../../src/domain/policy.js';
import { policySchema } from '../../src/domain/policy-schema.js';
import type { Profession } from '../../src/domain/profile.js';

export interface LearnerSpec {
  profession?: Profession;
  paid?: boolean;
  attended?: boolean;
  outcome?: 'completed' | 'lapsed' | 'withdrawn' | 'failed_competence' | 'not_completed';
  /** One array of item results per attempt, in item order. */
  attempts?: boolean[][];
  evaluation?: {
    ratings: number[];
    relevance: number;
    biasFree: boolean;
    commitment: string;
    biasComment?: string;
  };
  claims?: { type: CreditType; credits: number }[];
  certified?: boolean;
  /** Hours on a certificate of participation (for a learner who could claim no type). */
  participation?: number;
  followUpSent?: boolean;
  followUp?: {
    implemented: 'fully' | 'partly' | 'not';
    barriers?: string[];
    remindersBefore: number;
    comments?: string;
    /** Which email's link brought the answer (0 = the first, n = reminder n). */
    viaEmail?: number;
  };
  /** follow_up_reminder emails in the outbox for this learner. */
  remindersSent?: number;
}

export interface ActivitySpec {
  id: string;
  programId: string;
  seriesId?: string;
  title?: string;
  startsAt: string;
  endsAt?: string;
  objectives?: string[];
  policy?: PolicyInput;
}

export const ITEMS = [
  { id: 'i1', kind: 'vignette' as const, prompt: 'A 58-year-old with chest pain: next test?' },
  { id: 'i2', kind: 'vignette' as const, prompt: 'Interpret this lipid panel' },
  { id: 'i3', kind: 'question' as const, prompt: 'First-line therapy?' },
].map((i) => ({
  ...i,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ],
  correctOptionId: 'a',
}));

export async function seedProgram(db: Database, id: string, name: string, committeeEmails: string[] = []) {
  await db.insert(programs).values({ id, name, committeeEmails }).onConflictDoNothing();
}

export async function seedActivity(
  db: Database,
  spec: ActivitySpec,
  cohort: LearnerSpec[],
): Promise<string[]> {
  const policy = policySchema.parse(
    spec.policy ?? {
      credits: [{ type: 'ama_pra_1', maxCredits: 2 }],
      competence: { passMark: 0.6, maxAttempts: 2, items: ITEMS },
      followUp: { delay: '1s', reminders: ['1s', '2s'], closeAfter: '3s' },
    },
  );
  const startsAt = new Date(spec.startsAt);
  await db.insert(activities).values({
    id: spec.id,
    programId: spec.programId,
    seriesId: spec.seriesId ?? null,
    title: spec.title ?? `Activity ${spec.id}`,
    providerName: 'Test Provider',
    format: 'live',
    startsAt,
    endsAt: new Date(spec.endsAt ?? startsAt.getTime() + 3 * 3600_000),
    learningObjectives: spec.objectives ?? ['Choose the right test', 'Treat to target'],
    priceCents: 10_000,
    policy,
  });
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000);
  const ids: string[] = [];
  for (const [n, l] of cohort.entries()) {
    const learnerId = `${spec.id}-L${n + 1}`;
    await db.insert(learners).values({
      id: learnerId,
      name: `Learner ${spec.id} ${n + 1}`,
      email: `learner${n + 1}.${spec.id}@example.test`,
      profession: l.profession ?? null,
    });
    const passedAttempt = l.attempts?.findIndex((a) => score(a) >= policy.competence.passMark) ?? -1;
    const [e] = await db
      .insert(enrollments)
      .values({
        activityId: spec.id,
        learnerId,
        workflowId: `wf-${learnerId}`,
        stage: l.outcome ? 'closed' : 'follow_up',
        outcome: l.outcome,
        followUpStatus: l.followUp ? 'answered' : l.followUpSent ? 'pending' : null,
        minutesAttended: l.attended ? 180 : 0,
        enrolledAt: at(-600),
        paidAt: l.paid ? at(-500) : null,
        attendanceCompletedAt: l.attended ? at(180) : null,
        competencePassedAt: passedAttempt >= 0 ? at(200) : null,
        evaluatedAt: l.evaluation ? at(210) : null,
        claimedAt: l.claims ? at(215) : null,
        certifiedAt: l.certified ? at(220) : null,
        followUpSentAt: l.followUpSent || l.followUp ? at(10_000) : null,
        followUpAnsweredAt: l.followUp ? at(11_000) : null,
      })
      .returning({ id: enrollments.id });
    ids.push(e.id);
    for (const [k, results] of (l.attempts ?? []).entries()) {
      const s = score(results);
      await db.insert(competenceAttempts).values({
        enrollmentId: e.id,
        attemptNo: k + 1,
        answers: Object.fromEntries(ITEMS.map((it, j) => [it.id, results[j] ? 'a' : 'b'])),
        itemResults: Object.fromEntries(ITEMS.map((it, j) => [it.id, results[j]])),
        score: s,
        passed: s >= policy.competence.passMark,
        submittedAt: at(190 + k),
      });
    }
    if (l.evaluation)
      await db.insert(evaluations).values({
        enrollmentId: e.id,
        objectiveRatings: l.evaluation.ratings,
        relevance: l.evaluation.relevance,
        freeOfCommercialBias: l.evaluation.biasFree,
        biasComment: l.evaluation.biasComment,
        commitment: l.evaluation.commitment,
        submittedAt: at(210),
      });
    for (const c of l.claims ?? []) {
      await db.insert(creditClaims).values({
        enrollmentId: e.id,
        creditType: c.type,
        credits: c.credits,
        claimedAt: at(215),
      });
      if (l.certified)
        await db.insert(certificates).values({
          number: `CEO-TEST-${learnerId}-${c.type}`,
          verificationCode: `code-${learnerId}-${c.type}`,
          enrollmentId: e.id,
          creditType: c.type,
          credits: c.credits,
          learnerName: `Learner ${spec.id} ${n + 1}`,
          activityTitle: spec.title ?? `Activity ${spec.id}`,
          issuedAt: at(220),
        });
    }
    if (l.participation !== undefined)
      await db.insert(certificates).values({
        number: `CEO-TEST-${learnerId}-participation`,
        verificationCode: `code-${learnerId}-participation`,
        enrollmentId: e.id,
        creditType: 'participation',
        credits: l.participation,
        learnerName: `Learner ${spec.id} ${n + 1}`,
        activityTitle: spec.title ?? `Activity ${spec.id}`,
        issuedAt: at(220),
      });
    if (l.followUp)
      await db.insert(followUpResponses).values({
        enrollmentId: e.id,
        implemented: l.followUp.implemented,
        barriers: l.followUp.barriers ?? [],
        remindersBefore: l.followUp.remindersBefore,
        viaEmail: l.followUp.viaEmail ?? null,
        comments: l.followUp.comments,
        respondedAt: at(11_000),
      });
    for (let r = 1; r <= (l.remindersSent ?? 0); r++)
      await db.insert(emailOutbox).values({
        enrollmentId: e.id,
        kind: 'follow_up_reminder',
        dedupeKey: `reminder:${e.id}:${r}`,
        toAddress: `learner${n + 1}.${spec.id}@example.test`,
        subject: 'Reminder',
        html: '',
        text: '',
        messageId: `<reminder-${e.id}-${r}@test>`,
        status: 'sent',
      });
  }
  return ids;
}

function score(results: boolean[]): number {
  return results.filter(Boolean).length / results.length;
}

const T = true;
const F = false;
const ev = (ratings: number[], relevance: number, biasFree = true, commitment = 'Order fewer tests') => ({
  ratings,
  relevance,
  biasFree,
  commitment,
});
const ama = (credits: number) => [{ type: 'ama_pra_1' as const, credits }];

/**
 * Activity A's cohort (10 learners). The numbers every test checks are worked
 * out by hand in test/reports/activity-report.test.ts.
 */
export const COHORT_A: LearnerSpec[] = [
  {
    paid: T,
    attended: T,
    attempts: [[T, T, T]],
    evaluation: ev([5, 4], 5, true, 'Use the new risk score'),
    claims: ama(2),
    certified: T,
    followUp: { implemented: 'fully', barriers: ['time'], remindersBefore: 0, comments: 'Went well' },
  },
  {
    paid: T,
    attended: T,
    attempts: [[T, T, F]],
    evaluation: ev([4, 4], 4),
    claims: ama(2),
    certified: T,
    followUp: { implemented: 'partly', barriers: ['time', 'cost'], remindersBefore: 1 },
    remindersSent: 1,
  },
  {
    paid: T,
    attended: T,
    attempts: [[T, F, T]],
    evaluation: { ...ev([3, 5], 4, false, 'Check statins'), biasComment: 'Drug names only from one company' },
    claims: ama(1.5),
    certified: T,
    followUp: { implemented: 'not', barriers: ['staffing'], remindersBefore: 0 },
  },
  {
    paid: T,
    attended: T,
    attempts: [
      [T, F, F],
      [T, T, T],
    ],
    evaluation: ev([5, 5], 5),
    claims: ama(2),
    certified: T,
    followUpSent: T,
    remindersSent: 2,
  },
  {
    paid: T,
    attended: T,
    attempts: [[F, T, T]],
    evaluation: ev([4, 3], 3),
    claims: ama(1),
    certified: T,
    followUp: { implemented: 'fully', remindersBefore: 2 },
    remindersSent: 2,
  },
  {
    paid: T,
    attended: T,
    attempts: [[T, T, T]],
    evaluation: ev([5, 4], 4),
    claims: ama(2),
    certified: T,
    followUp: { implemented: 'partly', barriers: ['time'], remindersBefore: 1 },
    remindersSent: 1,
  },
  {
    paid: T,
    attended: T,
    attempts: [
      [F, F, T],
      [F, T, F],
    ],
    outcome: 'failed_competence',
  },
  {
    paid: T,
    attended: T,
    attempts: [[T, T, F]],
    evaluation: ev([2, 4], 5),
    claims: ama(0.75),
    certified: T,
    followUpSent: T,
    remindersSent: 2,
  },
  { outcome: 'lapsed' },
  { paid: T, outcome: 'withdrawn' },
];

/** Three learners, two follow-up answers: every measure is "too few responses". */
export const COHORT_SMALL: LearnerSpec[] = [
  {
    paid: T,
    attended: T,
    attempts: [[T, T, T]],
    evaluation: ev([5, 5], 5),
    claims: ama(2),
    certified: T,
    followUp: { implemented: 'fully', remindersBefore: 0 },
  },
  {
    paid: T,
    attended: T,
    attempts: [[T, T, F]],
    evaluation: ev([4, 4], 4),
    claims: ama(2),
    certified: T,
    followUp: { implemented: 'fully', remindersBefore: 0 },
  },
  {
    paid: T,
    attended: T,
    attempts: [[T, F, F]],
    outcome: 'failed_competence',
  },
];

/** Six learners all sent the follow-up; nobody answered. */
export const COHORT_SILENT: LearnerSpec[] = Array.from({ length: 6 }, () => ({
  paid: T,
  attended: T,
  attempts: [[T, T, T]],
  evaluation: ev([4, 4], 4),
  claims: ama(2),
  certified: T,
  followUpSent: T,
  remindersSent: 2,
}));

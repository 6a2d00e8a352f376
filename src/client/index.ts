// The typed client an enrollment system (LMS, shop) imports to drive
// ce-outcomes. Types come from the same zod schemas the server validates
// with; only types are imported, so the client needs nothing but fetch.
import type { z } from 'zod';
import type * as api from '../enrollment-api/contract.js';
import type * as programs from '../reports/programs.js';
import type * as actions from '../reports/actions.js';
import type * as disclosures from '../disclosures/schemas.js';

export type ActivityInput = z.input<typeof api.activityRequestSchema>;
export type ActivitySaved = z.infer<typeof api.activitySavedSchema>;
export type ActivityView = z.infer<typeof api.activityViewSchema>;
export type LearnerInput = z.input<typeof api.learnerInputSchema>;
export type EnrollRequest = z.input<typeof api.enrollRequestSchema>;
export type EnrollmentCreated = z.infer<typeof api.enrollmentCreatedSchema>;
export type EnrollmentView = z.infer<typeof api.enrollmentViewSchema>;
export type PaymentInput = z.input<typeof api.paymentEventSchema>;
export type AttendanceInput = z.input<typeof api.attendanceEventSchema>;
export type WithdrawalInput = z.input<typeof api.withdrawalSchema>;
export type Accepted = z.infer<typeof api.acceptedSchema>;
export type CompetenceInput = z.input<typeof api.competenceSubmissionSchema>;
export type CompetenceResult = z.infer<typeof api.competenceResultSchema>;
export type EvaluationInput = z.input<typeof api.evaluationSubmissionSchema>;
export type ClaimInput = z.input<typeof api.claimSubmissionSchema>;
export type ClaimResult = z.infer<typeof api.claimResultSchema>;
export type FollowUpInput = z.input<typeof api.followUpSubmissionSchema>;
export type Recorded = z.infer<typeof api.recordedSchema>;
export type Claimable = z.infer<typeof api.claimableSchema>;
export type OutboxList = z.infer<typeof api.outboxListSchema>;
export type OutboxStatus = z.input<typeof api.outboxQuery>['status'];
export type Resent = z.infer<typeof api.resentSchema>;
export type StuckList = z.infer<typeof api.stuckListSchema>;
export type ResetResult = z.infer<typeof api.resetResultSchema>;
export type ProgramInput = z.input<typeof programs.programInputSchema>;
export type Program = z.infer<typeof programs.programSchema>;
export type ActionUpdate = z.input<typeof actions.actionUpdateSchema>;
export type Action = z.infer<typeof actions.actionSchema>;
export type PersonInput = z.input<typeof disclosures.personInputSchema>;
export type Person = z.infer<typeof disclosures.personSchema>;
export type DecisionInput = z.input<typeof disclosures.decisionInputSchema>;
export type ActivityDisclosures = z.infer<typeof disclosures.activityDisclosuresSchema>;
export type ProfileInput = z.input<typeof api.profileRequestSchema>;
export type ProfileView = z.infer<typeof api.profileViewSchema>;

/** A non-2xx answer: the status, the server's message (it names the field) and any details. */
export class CeOutcomesApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
    /** The server's Retry-After (on 202 and 503): when the same request is worth sending again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CeOutcomesApiError';
  }
}

export interface ClientOptions {
  /** e.g. http://localhost:3000 */
  baseUrl: string;
  /** Bearer token of the enrollment system (or staff, for the outbox). */
  token: string;
  fetch?: typeof fetch;
  /** How long a submission is retried while it is received but not yet recorded (202), default 30 s. */
  pendingRetryMs?: number;
}

/** Per submission: the key that makes its retries the same submission (default: a fresh one per call). */
export interface SubmitOptions {
  idempotencyKey?: string;
}

const isPending = (json: unknown) =>
  (json as { details?: { status?: string } } | undefined)?.details?.status === 'pending';

export function createCeOutcomesClient(options: ClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const seg = encodeURIComponent;

  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, bad port) is in its cause.
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new CeOutcomesApiError(0, `cannot reach ${base} (${why})`);
    }
    const text = await res.text();
    const retryAfter = Number(res.headers.get('retry-after') ?? NaN);
    const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : undefined;
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the message.
    }
    if (res.status === 202 && isPending(json))
      throw new CeOutcomesApiError(202, (json as { error: string }).error, json, retryAfterSeconds);
    if (!res.ok) {
      const problem = json as { error?: string; details?: unknown } | undefined;
      throw new CeOutcomesApiError(
        res.status,
        problem?.error ?? `${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`.trim(),
        problem?.details,
        retryAfterSeconds,
      );
    }
    return json as T;
  }

  /**
   * A submission, sent with an Idempotency-Key and sent again with the same key
   * while the answer is "received, not yet recorded" (202), lost on the way, or
   * "a server is down, try later" (503): however often it is sent, it is one
   * submission, and the answer is its result.
   */
  async function submit<T>(path: string, body: unknown, opts: SubmitOptions = {}): Promise<T> {
    const key = opts.idempotencyKey ?? globalThis.crypto.randomUUID();
    const deadline = Date.now() + (options.pendingRetryMs ?? 30_000);
    for (let backoff = 250; ; backoff = Math.min(backoff * 2, 4000)) {
      let wait = backoff;
      try {
        return await call<T>('POST', path, body, { 'idempotency-key': key });
      } catch (err) {
        const retryable = err instanceof CeOutcomesApiError && [0, 202, 503].includes(err.status);
        if (!retryable) throw err;
        if (err.status === 503 && err.retryAfterSeconds) wait = Math.max(wait, err.retryAfterSeconds * 1000);
        if (Date.now() + wait > deadline) throw err;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  return {
    /** Creates or updates an activity and its policy; `created` says which. */
    putActivity: (activityId: string, activity: ActivityInput) =>
      call<ActivitySaved>('PUT', `/activities/${seg(activityId)}`, activity),
    getActivity: (activityId: string) => call<ActivityView>('GET', `/activities/${seg(activityId)}`),
    /** Starts the learner's enrollment; for a learner already enrolled, returns that enrollment (created: false). */
    enroll: (activityId: string, request: EnrollRequest) =>
      call<EnrollmentCreated>('POST', `/activities/${seg(activityId)}/enrollments`, request),
    getEnrollment: (enrollmentId: string) => call<EnrollmentView>('GET', `/enrollments/${seg(enrollmentId)}`),
    recordPayment: (enrollmentId: string, payment: PaymentInput) =>
      call<Accepted>('POST', `/enrollments/${seg(enrollmentId)}/payments`, payment),
    recordAttendance: (enrollmentId: string, attendance: AttendanceInput) =>
      call<Accepted>('POST', `/enrollments/${seg(enrollmentId)}/attendance`, attendance),
    withdraw: (enrollmentId: string, withdrawal: WithdrawalInput) =>
      call<Accepted>('POST', `/enrollments/${seg(enrollmentId)}/withdrawal`, withdrawal),
    submitCompetence: (enrollmentId: string, answers: CompetenceInput, opts?: SubmitOptions) =>
      submit<CompetenceResult>(`/enrollments/${seg(enrollmentId)}/competence`, answers, opts),
    submitEvaluation: (enrollmentId: string, evaluation: EvaluationInput, opts?: SubmitOptions) =>
      submit<Recorded>(`/enrollments/${seg(enrollmentId)}/evaluation`, evaluation, opts),
    submitClaim: (enrollmentId: string, claim: ClaimInput, opts?: SubmitOptions) =>
      submit<ClaimResult>(`/enrollments/${seg(enrollmentId)}/claim`, claim, opts),
    submitFollowUp: (enrollmentId: string, answer: FollowUpInput, opts?: SubmitOptions) =>
      submit<Recorded>(`/enrollments/${seg(enrollmentId)}/follow-up`, answer, opts),
    getClaimable: (enrollmentId: string) =>
      call<Claimable>('GET', `/enrollments/${seg(enrollmentId)}/claimable`),
    /** The learner's profession and credentials. */
    getProfile: (learnerId: string) => call<ProfileView>('GET', `/learners/${seg(learnerId)}/profile`),
    /** Replaces the learner's profile: a field left out is cleared. */
    putProfile: (learnerId: string, profile: ProfileInput) =>
      call<ProfileView>('PUT', `/learners/${seg(learnerId)}/profile`, profile),
    /** Staff: outbox emails by status (default unconfirmed). */
    listOutbox: (status: OutboxStatus = 'unconfirmed') =>
      call<OutboxList>('GET', `/outbox?status=${seg(status ?? 'unconfirmed')}`),
    /** Staff: resend an unconfirmed email with its original Message-ID. */
    resendEmail: (emailId: string) => call<Resent>('POST', `/outbox/${seg(emailId)}/resend`),
    /** Staff: enrollments whose workflow task keeps failing, with Temporal's words for the problem. */
    listStuck: () => call<StuckList>('GET', '/enrollments/stuck'),
    /** Staff: reset an enrollment's workflow to its last good workflow task. */
    resetEnrollment: (enrollmentId: string) =>
      call<ResetResult>('POST', `/enrollments/${seg(enrollmentId)}/reset`),

    // ---- the CE office's workspace (staff and committee tokens) ----
    listPrograms: () => call<{ programs: Program[] }>('GET', '/reports/programs?format=json'),
    getProgram: (programId: string) =>
      call<Program>('GET', `/reports/programs/${seg(programId)}/settings?format=json`),
    /** Staff: creates or replaces a program's name, committee members and digest recipients. */
    putProgram: (programId: string, program: ProgramInput) =>
      call<{ programId: string; created: boolean }>('PUT', `/reports/programs/${seg(programId)}`, program),
    listActions: (filter: { programId?: string; seriesId?: string; status?: 'open' | 'all' } = {}) =>
      call<{ actions: Action[] }>(
        'GET',
        `/reports/actions?${new URLSearchParams(filter as Record<string, string>)}`,
      ),
    updateAction: (actionId: string, update: ActionUpdate) =>
      call<Action>('POST', `/reports/actions/${seg(actionId)}`, update),
    getDisclosures: (activityId: string) =>
      call<ActivityDisclosures>('GET', `/reports/activities/${seg(activityId)}/disclosures?format=json`),
    /** Staff: lists a person who controls content (and emails their disclosure link unless invite is false). */
    addDisclosurePerson: (activityId: string, person: PersonInput) =>
      call<Person>('POST', `/reports/activities/${seg(activityId)}/disclosures/people`, person),
    inviteDisclosurePerson: (activityId: string, personId: string) =>
      call<Person>(
        'POST',
        `/reports/activities/${seg(activityId)}/disclosures/people/${seg(personId)}/invite`,
      ),
    /** Staff: marks a disclosed relationship relevant or not, with how a relevant one was mitigated. */
    decideRelationship: (activityId: string, relationshipId: string, decision: DecisionInput) =>
      call<ActivityDisclosures>(
        'POST',
        `/reports/activities/${seg(activityId)}/disclosures/relationships/${seg(relationshipId)}`,
        decision,
      ),
  };
}

export type CeOutcomesClient = ReturnType<typeof createCeOutcomesClient>;

// The typed client an enrollment system (LMS, shop) imports to drive
// ce-outcomes. Types come from the same zod schemas the server validates
// with; only types are imported, so the client needs nothing but fetch.
import type { z } from 'zod';
import type * as api from '../enrollment-api/contract.js';
import type * as reporting from '../reporting/contract.js';
import { seg } from './call.js';
import { maintenanceCalls } from './maintenance.js';
import { workspaceCalls } from './workspace.js';
import { providerCalls } from './provider.js';

export type * from './maintenance.js';
export type * from './workspace.js';
export type * from './provider.js';

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
export type ProfileInput = z.input<typeof api.profileRequestSchema>;
export type ProfileView = z.infer<typeof api.profileViewSchema>;
export type Regulator = z.infer<typeof reporting.regulatorSchema>;
export type ReportingFilters = Omit<z.input<typeof reporting.listQuery>, 'format' | 'token'>;
export type ReportingLedger = z.infer<typeof reporting.ledgerSchema>;
export type ReportingActionResult = z.infer<typeof reporting.actionResultSchema>;
/** A regulator's batch file for a period, as served for upload. */
export interface ReportingFile {
  filename: string;
  body: string;
  /** The ledger records in the file (mark them uploaded once the regulator has the file). */
  submissionIds: string[];
  /** Records of the period left out (held: a registration or a learner's detail is missing). */
  leftOut: number;
}

/** A named API key as listed (never the key itself). */
export interface ApiKeyInfo {
  id: string;
  prefix: string;
  name: string;
  kind: 'system' | 'person';
  role: 'enrollment' | 'staff' | 'committee';
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
}

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
  /** How long a request that is the same however often it is sent is sent again (202, 503, no answer), default 30 s. */
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

  /** One request; a refusal (or no answer) throws CeOutcomesApiError with the server's message. */
  async function request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ res: Response; text: string; json: unknown }> {
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
    return { res, text, json };
  }

  const call = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    (await request(method, path, body, headers)).json as T;

  /**
   * A request the server treats as the same however often it comes (an
   * enrollment by activity and learner, a payment by its reference, attendance
   * by its session, a submission by its Idempotency-Key), sent again while the
   * answer is "received, not yet recorded" (202), lost on the way, or "a server
   * is down, try later" (503, after its Retry-After): the answer is its result.
   */
  async function sameRequestAgain<T>(
    method: string,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const deadline = Date.now() + (options.pendingRetryMs ?? 30_000);
    for (let backoff = 250; ; backoff = Math.min(backoff * 2, 4000)) {
      let wait = backoff;
      try {
        return await call<T>(method, path, body, headers);
      } catch (err) {
        const retryable = err instanceof CeOutcomesApiError && [0, 202, 503].includes(err.status);
        if (!retryable) throw err;
        if (err.status === 503 && err.retryAfterSeconds) wait = Math.max(wait, err.retryAfterSeconds * 1000);
        if (Date.now() + wait > deadline) throw err;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** A submission: one Idempotency-Key for all its sendings, so it counts once. */
  const submit = <T>(path: string, body: unknown, opts: SubmitOptions = {}) =>
    sameRequestAgain<T>('POST', path, body, {
      'idempotency-key': opts.idempotencyKey ?? globalThis.crypto.randomUUID(),
    });

  return {
    /** Creates or updates an activity and its policy; `created` says which. */
    putActivity: (activityId: string, activity: ActivityInput) =>
      call<ActivitySaved>('PUT', `/activities/${seg(activityId)}`, activity),
    getActivity: (activityId: string) => call<ActivityView>('GET', `/activities/${seg(activityId)}`),
    /** Starts the learner's enrollment; for a learner already enrolled, returns that enrollment (created: false). */
    enroll: (activityId: string, request: EnrollRequest) =>
      sameRequestAgain<EnrollmentCreated>('POST', `/activities/${seg(activityId)}/enrollments`, request),
    getEnrollment: (enrollmentId: string) => call<EnrollmentView>('GET', `/enrollments/${seg(enrollmentId)}`),
    /** Recorded once per reference, however often it is sent. */
    recordPayment: (enrollmentId: string, payment: PaymentInput) =>
      sameRequestAgain<Accepted>('POST', `/enrollments/${seg(enrollmentId)}/payments`, payment),
    /** Recorded once per session, however often it is sent. */
    recordAttendance: (enrollmentId: string, attendance: AttendanceInput) =>
      sameRequestAgain<Accepted>('POST', `/enrollments/${seg(enrollmentId)}/attendance`, attendance),
    /** Sent once: a second withdrawal of a withdrawn enrollment is a 409, so it is not sent again by itself. */
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
    /** Staff: the reporting ledger (CPE Monitor, CE Broker, PARS), filtered. */
    listReporting: (filters: ReportingFilters = {}) =>
      call<ReportingLedger>(
        'GET',
        `/reporting?${new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]))}`,
      ),
    /** Staff: send a submission again (after fixing what held or refused it). */
    retryReportingSubmission: (submissionId: string, note?: string) =>
      call<ReportingActionResult>(
        'POST',
        `/reporting/submissions/${seg(submissionId)}/retry`,
        note ? { note } : {},
      ),
    /** Staff: a regulator's batch file for a period (dates YYYY-MM-DD, inclusive). */
    getReportingFile: async (
      regulator: Regulator,
      period: { from: string; to: string },
    ): Promise<ReportingFile> => {
      const { res, text } = await request(
        'GET',
        `/reporting/files/${seg(regulator)}?${new URLSearchParams(period)}`,
      );
      const disposition = res.headers.get('content-disposition') ?? '';
      return {
        filename: /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${regulator}.txt`,
        body: text,
        submissionIds: (res.headers.get('x-submission-ids') ?? '').split(',').filter(Boolean),
        leftOut: Number(res.headers.get('x-left-out') ?? 0),
      };
    },
    /** Staff: the batch file was uploaded; its records are submitted. */
    markReportingUploaded: (regulator: Regulator, submissionIds: string[]) =>
      call<{ submitted: string[] }>('POST', `/reporting/files/${seg(regulator)}/uploaded`, { submissionIds }),
    /** Staff: a named API key for a system or a person; `key` is shown only in this answer. */
    createApiKey: (input: Pick<ApiKeyInfo, 'name' | 'kind' | 'role'>) =>
      call<ApiKeyInfo & { key: string }>('POST', '/api-keys', input),
    listApiKeys: () => call<{ keys: ApiKeyInfo[] }>('GET', '/api-keys'),
    revokeApiKey: (keyId: string) => call<ApiKeyInfo>('POST', `/api-keys/${seg(keyId)}/revoke`),

    // ---- the CE office's workspace (./workspace.ts) ----
    ...workspaceCalls(call),

    // ---- credential maintenance (./maintenance.ts) ----
    ...maintenanceCalls(call),

    // ---- the provider profile (./provider.ts) ----
    ...providerCalls(call),
  };
}

export type CeOutcomesClient = ReturnType<typeof createCeOutcomesClient>;

// Messages of the reporting workflow: the API signals that a submission
// changed (a correction, a staff retry or confirmation); the workflow then
// looks at the ledger again. Ids only: what changed is in PostgreSQL.
import { defineSignal } from '@temporalio/workflow';
import type { Regulator } from '../src/domain/reporting.js';

export const submissionChanged = defineSignal<[{ by: 'learner' | 'staff' }]>('submissionChanged');

export interface ReportingPlan {
  submissionId: string;
  regulator: Regulator;
  /** ISO time of the deadline, or null (PARS). */
  dueAt: string | null;
  /** How long one request may take (REPORTING_REQUEST_TIMEOUT), in ms. */
  requestTimeoutMs: number;
  /** Longest wait between retries of a regulator that is down (REPORTING_RETRY_MAX_INTERVAL). */
  retryMaxInterval: string;
}

export type ReportingResult = 'accepted' | 'late' | 'closed';

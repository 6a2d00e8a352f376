// Reporting accepted credit to the regulators (RULES.md "Reporting to
// regulators"): which credit types go where, the deadlines, the ledger's
// statuses, and the reasons a regulator refuses a record in words a person
// can act on. Types and constants only: the reporting workflow imports this.
import type { CreditType } from './policy.js';

export const REGULATORS = ['cpe_monitor', 'ce_broker', 'pars'] as const;
export type Regulator = (typeof REGULATORS)[number];

export const REGULATOR_LABELS: Record<Regulator, string> = {
  cpe_monitor: 'NABP CPE Monitor',
  ce_broker: 'CE Broker (Florida)',
  pars: 'ACCME PARS',
};

/**
 * Where a claimed credit is reported: ACPE to CPE Monitor, AMA credit to PARS,
 * and the P.A.C.E. hours of a Florida laboratory licensee to CE Broker.
 */
export function regulatorFor(creditType: CreditType, floridaLicensee: boolean): Regulator | undefined {
  if (creditType === 'acpe') return 'cpe_monitor';
  if (creditType === 'ama_pra_1') return 'pars';
  if (creditType === 'pace' && floridaLicensee) return 'ce_broker';
  return undefined;
}

/**
 * Days from completion within which the regulator must have the record:
 * CPE Monitor refuses reports past 60 days, Florida requires CE Broker within
 * 30. PARS collects learner data for the year, with no per-record clock.
 */
export const REPORTING_WINDOW_DAYS: Record<Regulator, number | null> = {
  cpe_monitor: 60,
  ce_broker: 30,
  pars: null,
};

/** Staff are warned about submissions due within this many days and not accepted. */
export const ALERT_WITHIN_DAYS = 7;

const DAY_MS = 86_400_000;

export function reportingDueAt(regulator: Regulator, completedAt: Date): Date | null {
  const days = REPORTING_WINDOW_DAYS[regulator];
  return days === null ? null : new Date(completedAt.getTime() + days * DAY_MS);
}

/**
 * pending: recorded, not sent yet (or waiting in a batch file for staff to upload);
 * submitted: sent, no answer yet (or uploaded by staff); accepted; rejected (with
 * the reason); corrected: the learner or staff fixed it, to be sent again;
 * late: the deadline passed before the regulator accepted it.
 */
export const SUBMISSION_STATUSES = [
  'pending',
  'submitted',
  'accepted',
  'rejected',
  'corrected',
  'late',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const STATUS_LABELS: Record<SubmissionStatus, string> = {
  pending: 'Pending',
  submitted: 'Submitted',
  accepted: 'Accepted',
  rejected: 'Rejected',
  corrected: 'Corrected',
  late: 'LATE',
};

/** Whether a submission not accepted by `dueAt` is overdue at `now`. */
export function isOverdue(s: { status: SubmissionStatus; dueAt: Date | null }, now: Date): boolean {
  return s.status !== 'accepted' && s.dueAt !== null && s.dueAt.getTime() <= now.getTime();
}

/** A regulator's refusal, in the ledger's terms. */
export const REJECTION_KINDS = [
  'identity_mismatch',
  'unknown_activity',
  'date_outside_activity',
  'past_deadline',
  'licence_not_found',
  'incomplete',
  'duplicate',
  'other',
] as const;
export type RejectionKind = (typeof REJECTION_KINDS)[number];

/** What a person can do about each refusal. */
export const REJECTION_ADVICE: Record<RejectionKind, string> = {
  identity_mismatch:
    'The NABP e-Profile ID and birth date (MMDD) do not match NABP’s records: the learner has been emailed a link to correct them.',
  unknown_activity:
    'The regulator does not know this activity number: check the UAN or course number registered for the activity, then retry.',
  date_outside_activity:
    'The participation date is outside the dates registered for the activity: correct the activity’s dates with the regulator (or here), then retry.',
  past_deadline: 'The regulator refuses reports past its deadline: the credit cannot be reported any more.',
  licence_not_found:
    'The regulator does not find this licence number: correct the learner’s licence number, then retry.',
  incomplete: 'Something the regulator needs is missing: correct it, then retry.',
  duplicate: 'The regulator already holds this record.',
  other: 'The regulator refused the record: read its message, correct what it names, then retry.',
};

/** Learners can fix these themselves from an emailed link. */
export const LEARNER_CORRECTABLE: RejectionKind[] = ['identity_mismatch'];

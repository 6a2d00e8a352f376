// The ledger as CSV: one line per submission, values as in the JSON.
import { toCsv } from '../../reports/views/csv.js';
import type { LedgerEntry } from '../queries.js';

const COLUMNS: (keyof LedgerEntry)[] = [
  'id',
  'regulator',
  'activityId',
  'activityTitle',
  'enrollmentId',
  'learnerName',
  'creditType',
  'status',
  'late',
  'completedAt',
  'dueAt',
  'attempts',
  'revision',
  'transport',
  'blockedReason',
  'rejectionKind',
  'rejectionMessage',
  'deliveryUnknown',
  'submittedAt',
  'acceptedAt',
];

export const ledgerCsv = (entries: LedgerEntry[]) =>
  toCsv([COLUMNS, ...entries.map((e) => COLUMNS.map((c) => e[c]))]);

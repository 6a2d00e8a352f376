// ACCME PARS: learner completion records (the tab-delimited learner upload and
// the web service's JSON) and the year's activity data (the tab-delimited
// activity upload). PARS wants the header row taken out of an uploaded file,
// so files are the data rows only, in the columns' published order.
import type { ParsRecord } from '../records.js';
import { usDate } from './fixed-width.js';

/** The learner upload's columns, in order. */
export const PARS_LEARNER_COLUMNS = [
  'Provider ID',
  'Activity ID',
  'Provider Activity ID',
  'First Name',
  'Last Name',
  'DOB Month',
  'DOB Day',
  'Licensing State',
  'License ID',
  'Completion Date',
  'AMA PRA Category 1 Credits',
  'Action',
] as const;

/** The activity upload's columns, in order (one row per activity of the year). */
export const PARS_ACTIVITY_COLUMNS = [
  'Provider Activity ID',
  'Activity Title',
  'Activity Type',
  'Start Date',
  'End Date',
  'City',
  'State',
  'Country',
  'Hours of Instruction',
  'Physician Learners',
  'Other Learners',
  'AMA PRA Category 1 Credits Designated',
  'Commercial Support Received',
] as const;

/** Tabs and line breaks inside a value would shift the columns: they become spaces. */
const cell = (v: string | number | null) =>
  String(v ?? '')
    .replace(/[\t\r\n]+/g, ' ')
    .trim();
const row = (cells: (string | number | null)[]) => cells.map(cell).join('\t');

export interface ParsLearnerRow {
  providerId: string;
  parsActivityId: string | null;
  record: ParsRecord;
}

export function parsLearnerRow({ providerId, parsActivityId, record: r }: ParsLearnerRow): string {
  return row([
    providerId,
    parsActivityId,
    r.providerActivityId,
    r.firstName,
    r.lastName,
    r.birthMonth,
    r.birthDay,
    r.licenceState,
    r.licenceNumber,
    usDate(r.completedOn),
    r.credits,
    'A',
  ]);
}

export const parsLearnerFile = (rows: ParsLearnerRow[]) =>
  rows.map((r) => `${parsLearnerRow(r)}\r\n`).join('');

export interface ParsActivityRow {
  providerActivityId: string;
  title: string;
  format: 'live' | 'enduring';
  startsOn: string;
  endsOn: string;
  location: string | null;
  hours: number;
  physicianLearners: number;
  otherLearners: number;
  amaCreditsDesignated: number | null;
}

/** Live activities are courses (C), enduring ones enduring materials (EM). */
export function parsActivityRow(a: ParsActivityRow): string {
  return row([
    a.providerActivityId,
    a.title,
    a.format === 'live' ? 'C' : 'EM',
    usDate(a.startsOn),
    usDate(a.endsOn),
    a.location,
    null,
    a.location ? 'USA' : null,
    a.hours,
    a.physicianLearners,
    a.otherLearners,
    a.amaCreditsDesignated,
    'N',
  ]);
}

export const parsActivityFile = (rows: ParsActivityRow[]) =>
  rows.map((r) => `${parsActivityRow(r)}\r\n`).join('');

/** The web service's learner completion (SaveLearnerActivity) as JSON. */
export function parsLearnerJson({ providerId, parsActivityId, record: r }: ParsLearnerRow) {
  return {
    ProviderId: providerId,
    ActivityId: parsActivityId,
    ProviderActivityId: r.providerActivityId,
    Learner: {
      FirstName: r.firstName,
      LastName: r.lastName,
      DOBMonth: r.birthMonth ? Number(r.birthMonth) : null,
      DOBDay: r.birthDay ? Number(r.birthDay) : null,
      LicenseState: r.licenceState,
      LicenseId: r.licenceNumber,
    },
    // Dates only: PARS converts a time of day between time zones.
    CompletionDate: r.completedOn,
    CreditType: 'AMA PRA Category 1 Credit',
    Credits: r.credits,
  };
}

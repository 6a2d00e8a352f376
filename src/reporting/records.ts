// What each regulator is told about one learner's credit, built from the
// enrollment, the activity and the learner's profile when the certificate is
// issued (and again after a correction). Regulator-neutral names here; each
// adapter writes them in its regulator's format.
import type { Regulator } from '../domain/reporting.js';
import { parseUan } from '../domain/uan.js';
import type { LearnerProfile } from '../domain/profile.js';
import { licencesByState } from '../domain/profile.js';
import { isoDay } from '../platform/format.js';

export interface CpeMonitorRecord {
  uan: string;
  /** ACPE provider number: the UAN's first segment. */
  providerNumber: string;
  epid: string | null;
  /** Birth month and day, MMDD. */
  birthMonthDay: string | null;
  /** YYYY-MM-DD: the live date registered with ACPE, or the home-study completion date. */
  participationDate: string;
  /** P pharmacist, T technician. */
  participantType: 'P' | 'T';
  contactHours: number;
}

export interface CeBrokerRecord {
  licenceNumber: string | null;
  /** CE Broker's two-letter profession code of the licence. */
  profession: string;
  state: 'FL';
  firstName: string;
  lastName: string;
  completedOn: string;
  hours: number;
}

export interface ParsRecord {
  providerActivityId: string;
  firstName: string;
  lastName: string;
  birthMonth: string | null;
  birthDay: string | null;
  licenceState: string | null;
  licenceNumber: string | null;
  completedOn: string;
  credits: number;
}

export type RegulatorRecord = CpeMonitorRecord | CeBrokerRecord | ParsRecord;

export interface RecordInput {
  regulator: Regulator;
  credits: number;
  /** When the learner completed the activity (the date reported). */
  completedAt: Date;
  activity: { id: string; format: 'live' | 'enduring'; startsAt: Date; uan?: string };
  learner: { name: string };
  profile: LearnerProfile;
}

/** Florida clinical laboratory personnel, in CE Broker's profession list, when the licence number has no prefix. */
export const FLORIDA_LAB_PROFESSION = 'CH';

const HONORIFICS = /^(dr|mr|mrs|ms|mx|prof)\.?$/i;

/** First and last name from the one name on file ("Dr Ana Silva" → Ana, Silva). */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name
    .trim()
    .split(/\s+/)
    .filter((p, i) => !(i === 0 && HONORIFICS.test(p)));
  if (parts.length <= 1) return { firstName: parts[0] ?? '', lastName: parts[0] ?? '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] };
}

/** The date reported to CPE Monitor: a live activity's date, a home study's completion. */
export function participationDate(input: Pick<RecordInput, 'activity' | 'completedAt'>): string {
  return isoDay(input.activity.format === 'live' ? input.activity.startsAt : input.completedAt);
}

export function buildRecord(input: RecordInput): RegulatorRecord {
  const { profile, credits } = input;
  const name = splitName(input.learner.name);
  const completedOn = isoDay(input.completedAt);
  switch (input.regulator) {
    case 'cpe_monitor': {
      const uan = input.activity.uan ?? '';
      const parsed = parseUan(uan);
      const technician =
        profile.profession === 'pharmacy_technician' ||
        (profile.profession !== 'pharmacist' && parsed?.audience === 'technician');
      return {
        uan,
        providerNumber: parsed?.provider ?? '',
        epid: profile.nabpEProfileId,
        birthMonthDay: profile.birthMonthDay,
        participationDate: participationDate(input),
        participantType: technician ? 'T' : 'P',
        contactHours: credits,
      };
    }
    case 'ce_broker': {
      const licence = licencesByState(profile.credentials).get('FL')?.[0];
      const prefix = licence ? /^[A-Z]{2}(?=\s?\d)/i.exec(licence.identifier)?.[0] : undefined;
      return {
        licenceNumber: licence?.identifier ?? null,
        profession: prefix?.toUpperCase() ?? FLORIDA_LAB_PROFESSION,
        state: 'FL',
        ...name,
        completedOn,
        hours: credits,
      };
    }
    case 'pars': {
      const licences = [...licencesByState(profile.credentials).values()].flat();
      const licence = licences[0];
      return {
        providerActivityId: input.activity.id,
        ...name,
        birthMonth: profile.birthMonthDay?.slice(0, 2) ?? null,
        birthDay: profile.birthMonthDay?.slice(2, 4) ?? null,
        licenceState: licence?.state ?? null,
        licenceNumber: licence?.identifier ?? null,
        completedOn,
        credits,
      };
    }
  }
}

/** What is missing before a record can be sent, in words for staff (null: complete). */
export function missingFromRecord(regulator: Regulator, record: Record<string, unknown>): string | null {
  const r = record as Partial<CpeMonitorRecord & CeBrokerRecord & ParsRecord>;
  if (regulator === 'cpe_monitor') {
    if (!parseUan(r.uan ?? '')) return 'the activity has no valid ACPE UAN';
    if (!r.epid) return 'the learner has no NABP e-Profile ID';
    if (!r.birthMonthDay) return 'the learner has no birth month and day';
  }
  if (regulator === 'ce_broker' && !r.licenceNumber) return 'the learner has no Florida licence number';
  if (regulator === 'pars' && !r.licenceNumber) return 'the learner has no state medical licence number';
  return null;
}

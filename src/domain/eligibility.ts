// Who may claim what (RULES.md "Who may claim what"): AMA PRA Category 1
// Credit™ is for physicians, ACPE credit for the UAN's audience (pharmacist or
// technician), P.A.C.E.® contact hours for clinical laboratory personnel.
// Everyone else who completes gets a certificate of participation. Licences
// (California, Florida) accept AMA PRA or P.A.C.E. hours; ASCP CMP points come
// from accepted credit: neither is a credit type.
import type { CreditDesignation, CreditType } from './policy.js';
import { CREDIT_TYPE_LABELS } from './policy.js';
import type { Credential, Profession } from './profile.js';
import { parseUan } from './uan.js';

/** P.A.C.E.® counts at most 7 contact hours a day of the activity, breaks and meals excluded. */
export const PACE_HOURS_PER_DAY = 7;

/** The activity's dates, as stored (Date) or sent (ISO string). */
export interface ActivitySpan {
  startsAt: Date | string;
  endsAt: Date | string;
}

const DAY_MS = 86_400_000;

/** Days the activity runs: each started 24 hours counts as a day, at least one (time zones cannot split a day). */
export function activityDays(span: ActivitySpan): number {
  const ms = new Date(span.endsAt).getTime() - new Date(span.startsAt).getTime();
  return Math.max(1, Math.ceil(ms / DAY_MS - 1e-9));
}

/** Who each credit type is for, by profession. */
export function eligibleProfessions(designation: CreditDesignation): Profession[] {
  switch (designation.type) {
    case 'ama_pra_1':
      return ['physician'];
    case 'pace':
      return ['laboratory_professional'];
    case 'acpe': {
      const uan = designation.uan ? parseUan(designation.uan) : null;
      if (!uan) return ['pharmacist', 'pharmacy_technician'];
      return [uan.audience === 'pharmacist' ? 'pharmacist' : 'pharmacy_technician'];
    }
  }
}

const WHO: Record<CreditType, (d: CreditDesignation) => string> = {
  ama_pra_1: () => 'physicians',
  pace: () => 'clinical laboratory personnel',
  acpe: (d) => {
    const [who] = eligibleProfessions(d);
    const audience = who === 'pharmacist' ? 'P' : 'T';
    return `${who === 'pharmacist' ? 'pharmacists' : 'pharmacy technicians'} (UAN audience ${audience})`;
  },
};

/**
 * Why the learner may not claim this type, or null when the profession may.
 * @param profession undefined in flags recorded before professions were known: not checked
 */
export function ineligibility(
  designation: CreditDesignation,
  profession: Profession | null | undefined,
): string | null {
  if (profession === undefined) return null;
  const label = CREDIT_TYPE_LABELS[designation.type];
  if (profession === null) return `${label} depends on your profession: tell us your profession first`;
  if (eligibleProfessions(designation).includes(profession)) return null;
  const verb = designation.type === 'ama_pra_1' ? 'is' : 'are';
  return `${label} ${verb} for ${WHO[designation.type](designation)}, not for ${PROFESSION_NOUNS[profession]}`;
}

/** The profession in a sentence: "not for a nurse". */
const PROFESSION_NOUNS: Record<Profession, string> = {
  physician: 'a physician',
  pharmacist: 'a pharmacist',
  pharmacy_technician: 'a pharmacy technician',
  laboratory_professional: 'a clinical laboratory professional',
  nurse: 'a nurse',
  other: 'your profession',
};

/**
 * Hours a learner who may claim no type participated: the time attended to the
 * nearest quarter hour, at most the activity's designated time; the designated
 * time when the activity was completed on demand (no minutes measured).
 */
export function participationHours(
  designations: CreditDesignation[],
  minutesAttended: number | null,
): number {
  // The designated time in clock hours: AMA credits are hours, contact hours are 50 minutes.
  const designatedHours = Math.max(
    0,
    ...designations.map((d) => (d.type === 'pace' ? Math.floor((d.maxCredits * 50) / 15) / 4 : d.maxCredits)),
  );
  if (minutesAttended === null) return designatedHours;
  const hours = Math.round((minutesAttended / 60) * 4) / 4;
  return designatedHours > 0 ? Math.min(hours, designatedHours) : hours;
}

/** A licence or certification that accepts these hours, for the learner's own records. */
export interface Acceptance {
  credential: Credential;
  /** e.g. "California Clinical Laboratory Scientist licence renewal". */
  accepts: string;
}

/**
 * The learner's licences and certifications that accept hours of this type:
 * California and Florida laboratory licences take AMA PRA Category 1 or
 * P.A.C.E.® hours of programs of at least 1 hour; ASCP CMP takes accepted CE
 * (1 contact hour = 1 point).
 */
export function licencesAccepting(
  type: CreditType,
  credits: number,
  credentials: Credential[],
): Acceptance[] {
  return credentials.flatMap((c): Acceptance[] => {
    if (c.kind === 'ascp_certification')
      return [{ credential: c, accepts: `ASCP BOC ${c.subtype ?? ''} CMP points`.replace('  ', ' ') }];
    const laboratoryState = c.state === 'CA' || c.state === 'FL';
    if (!laboratoryState || type === 'acpe' || credits < 1) return [];
    return [{ credential: c, accepts: `${c.state === 'CA' ? 'California' : 'Florida'} licence renewal` }];
  });
}

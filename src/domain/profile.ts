// A learner's profession and credentials: who the learner is to the
// accreditors (RULES.md "Who may claim what") and which licences and
// certifications their accepted credit counts toward. Credentials are rows,
// one per licence (category) or certification, so reporting (CPE Monitor,
// CE Broker) and credential maintenance (ASCP CMP cycles, California and
// Florida renewals) read them as they are.

export const PROFESSIONS = [
  'physician',
  'pharmacist',
  'pharmacy_technician',
  'laboratory_professional',
  'nurse',
  'other',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const PROFESSION_LABELS: Record<Profession, string> = {
  physician: 'Physician (MD, DO, or licensed outside the U.S.)',
  pharmacist: 'Pharmacist',
  pharmacy_technician: 'Pharmacy technician',
  laboratory_professional: 'Clinical laboratory professional',
  nurse: 'Nurse',
  other: 'Other',
};

/** A state licence (one row per Florida category) or an ASCP BOC certification. */
export const CREDENTIAL_KINDS = ['state_licence', 'ascp_certification'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** California CDPH Laboratory Field Services licence and certificate types. */
export const CALIFORNIA_LICENCE_TYPES = {
  cls: 'Clinical Laboratory Scientist',
  limited_cls: 'Limited Clinical Laboratory Scientist',
  mlt: 'Medical Laboratory Technician',
  cpt1: 'Certified Phlebotomy Technician I',
  cpt2: 'Certified Phlebotomy Technician II',
  lpt: 'Limited Phlebotomy Technician',
} as const;
export type CaliforniaLicenceType = keyof typeof CALIFORNIA_LICENCE_TYPES;

/** Specialties of a California limited CLS licence. */
export const CALIFORNIA_SPECIALTIES = [
  'chemistry',
  'toxicology',
  'microbiology',
  'hematology',
  'immunohematology',
  'histocompatibility',
  'cytogenetics',
  'genetic_molecular_biology',
] as const;

/** Hours per two-year California renewal: 24, phlebotomists 6 (17 CCR §1038.3). */
export function californiaRenewalHours(type: CaliforniaLicenceType): number {
  return type === 'cpt1' || type === 'cpt2' || type === 'lpt' ? 6 : 24;
}

/** Florida clinical laboratory personnel licence levels (64B3-5). */
export const FLORIDA_LEVELS = ['director', 'supervisor', 'technologist', 'technician'] as const;

/** Florida licensed categories: each needs 1 hour of its own per cycle (64B3-11.001). */
export const FLORIDA_CATEGORIES = [
  'microbiology',
  'serology_immunology',
  'chemistry',
  'hematology',
  'immunohematology',
  'histology',
  'cytology',
  'molecular_pathology',
  'cytogenetics',
  'histocompatibility',
  'andrology',
  'embryology',
] as const;

/** ASCP Board of Certification credentials (BOC certification codes). */
export const ASCP_CERTIFICATIONS = [
  'MLS',
  'MLT',
  'MB',
  'BB',
  'C',
  'H',
  'M',
  'I',
  'CG',
  'CT',
  'HT',
  'HTL',
  'PBT',
  'DPT',
  'MLA',
  'SBB',
  'SC',
  'SH',
  'SM',
  'SI',
  'SCT',
  'SLS',
  'SV',
  'QLS',
  'PA',
] as const;

/** One licence or certification as stored: identifier is the licence number or certification id. */
export interface Credential {
  kind: CredentialKind;
  identifier: string;
  /** Two-letter state code of a state licence. */
  state?: string | null;
  /** California licence type, Florida level, ASCP certification code. */
  subtype?: string | null;
  /** California limited-CLS specialty, Florida licensed category. */
  category?: string | null;
  /** The current cycle, YYYY-MM-DD (ASCP CMP three years, state renewals two). */
  cycleStartsOn?: string | null;
  cycleEndsOn?: string | null;
}

/** A credential as read back from the database: every field present, null when not set. */
export type StoredCredential = { [K in keyof Credential]-?: Exclude<Credential[K], undefined> };

/** Everything the credit rules and the reports need to know about a learner. */
export interface LearnerProfile {
  profession: Profession | null;
  /** NABP e-Profile ID and birth month/day (MMDD), for ACPE credit and CPE Monitor. */
  nabpEProfileId: string | null;
  birthMonthDay: string | null;
  credentials: Credential[];
}

/** Who the credential says the learner is, in a line (pages, CLI). */
export function describeCredential(c: Credential): string {
  if (c.kind === 'ascp_certification') return `ASCP BOC ${c.subtype ?? ''} certification ${c.identifier}`;
  const type =
    c.state === 'CA' && c.subtype && c.subtype in CALIFORNIA_LICENCE_TYPES
      ? CALIFORNIA_LICENCE_TYPES[c.subtype as CaliforniaLicenceType]
      : (c.subtype ?? 'licence');
  const category = c.category ? ` (${c.category.replaceAll('_', ' ')})` : '';
  return `${c.state ?? ''} ${type}${category} ${c.identifier}`.trim();
}

/** Licence numbers by state, from the learner's state licences. */
export function licencesByState(credentials: Credential[]): Map<string, Credential[]> {
  const byState = new Map<string, Credential[]>();
  for (const c of credentials) {
    if (c.kind !== 'state_licence' || !c.state) continue;
    byState.set(c.state, [...(byState.get(c.state) ?? []), c]);
  }
  return byState;
}

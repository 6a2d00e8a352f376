// The requirements as first seeded (RULES.md, with the ASCP booklet's split of
// the MLS/MLT topic points). The database is seeded with exactly these by the
// custom migration drizzle/*_credential-requirements-seed.sql (a test checks
// they agree); staff change them through the API and CLI afterwards.
import { californiaRenewalHours } from './profile.js';
import type { RequirementSet, TopicMinimum } from './credential-requirements.js';

/** Credit that counts toward laboratory credentials: AMA PRA or P.A.C.E. hours (and the retired licence types). */
const LAB_CREDIT = ['ama_pra_1', 'pace', 'participation'];

const ascpMinimums: TopicMinimum[] = [
  { id: 'blood_banking', label: 'Blood banking', hours: 2, topics: ['blood_banking', 'immunohematology'] },
  { id: 'chemistry', label: 'Chemistry', hours: 2, topics: ['chemistry'] },
  { id: 'hematology', label: 'Hematology', hours: 2, topics: ['hematology'] },
  { id: 'microbiology', label: 'Microbiology', hours: 2, topics: ['microbiology'] },
  { id: 'safety', label: 'Laboratory or patient safety', hours: 1, topics: ['safety'] },
  { id: 'ethics', label: 'Ethics', hours: 1, topics: ['ethics'] },
];

function ascp(code: 'MLS' | 'MLT', title: string): RequirementSet {
  return {
    id: `ascp-${code.toLowerCase()}`,
    name: `ASCP BOC ${code} (${title}) CMP`,
    appliesTo: { kind: 'ascp_certification', state: null, subtypes: [code] },
    cycleYears: 3,
    total: 36,
    unit: 'points',
    minimums: ascpMinimums,
    academicMaxShare: 0.5,
    acceptedCredit: [...LAB_CREDIT, 'ascp_cmp', 'ca_cls', 'fl_cls'],
    acceptedEntryKinds: ['course', 'authoring', 'committee_service', 'presentation', 'academic'],
    source:
      'ASCP BOC Credential Maintenance Program: 36 points in 3 years, 1 contact hour = 1 point, academic credit at most half',
  };
}

export const SEED_REQUIREMENTS: RequirementSet[] = [
  ascp('MLS', 'Medical Laboratory Scientist'),
  ascp('MLT', 'Medical Laboratory Technician'),
  {
    id: 'ca-cls',
    name: 'California clinical laboratory scientist renewal',
    appliesTo: { kind: 'state_licence', state: 'CA', subtypes: ['cls', 'limited_cls', 'mlt'] },
    cycleYears: 2,
    total: californiaRenewalHours('cls'),
    unit: 'hours',
    minimums: [],
    academicMaxShare: null,
    acceptedCredit: [...LAB_CREDIT, 'ca_cls'],
    acceptedEntryKinds: ['course', 'academic'],
    source: 'California CDPH, 17 CCR §1038.3: 24 hours per two-year renewal',
  },
  {
    id: 'ca-phlebotomy',
    name: 'California phlebotomy technician renewal',
    appliesTo: { kind: 'state_licence', state: 'CA', subtypes: ['cpt1', 'cpt2', 'lpt'] },
    cycleYears: 2,
    total: californiaRenewalHours('cpt1'),
    unit: 'hours',
    minimums: [],
    academicMaxShare: null,
    acceptedCredit: [...LAB_CREDIT, 'ca_cls'],
    acceptedEntryKinds: ['course', 'academic'],
    source: 'California CDPH, 17 CCR §1038.3: phlebotomists 6 hours per two-year renewal',
  },
  {
    id: 'fl-lab',
    name: 'Florida clinical laboratory personnel renewal',
    appliesTo: { kind: 'state_licence', state: 'FL', subtypes: null },
    cycleYears: 2,
    total: 24,
    unit: 'hours',
    minimums: [
      { id: 'licensed_category', label: 'Licensed category', hours: 1, topics: [], licensedCategory: true },
      { id: 'hiv_aids', label: 'HIV/AIDS', hours: 1, topics: ['hiv_aids'] },
      { id: 'medical_errors', label: 'Preventing medical errors', hours: 2, topics: ['medical_errors'] },
      { id: 'florida_laws_rules', label: 'Florida laws and rules', hours: 1, topics: ['florida_laws_rules'] },
    ],
    academicMaxShare: null,
    acceptedCredit: [...LAB_CREDIT, 'fl_cls'],
    acceptedEntryKinds: ['course'],
    source: 'Florida Administrative Code 64B3-11.001: 24 hours per two-year cycle with the required topics',
  },
];

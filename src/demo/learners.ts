// Who the demo's learners are: names, and a realistic mix of professions and
// credentials.
const FIRST = [
  'Ana',
  'Ben',
  'Chidi',
  'Dana',
  'Elif',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Lena',
  'Marco',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  'Nakamura',
  'Moreau',
  'Silva',
  'Kowalski',
  'Haddad',
  'Brennan',
  'Iyer',
  'Osei',
];
/**
 * Who the learner is, in a realistic mix: physicians (AMA PRA), laboratory
 * scientists with California or Florida licences and ASCP certification
 * (P.A.C.E.), pharmacists (ACPE), and technicians, nurses and others who may
 * claim none of the types designated and get a certificate of participation.
 */
function credentialsOf(n: number) {
  const id = String(100000 + n);
  switch (n % 10) {
    case 4:
      return {
        profession: 'laboratory_professional' as const,
        credentials: [
          { kind: 'state_licence' as const, state: 'CA', subtype: 'cls', identifier: `CLS ${id}` },
          { kind: 'ascp_certification' as const, subtype: 'MLS', identifier: `MLS-${id}` },
        ],
      };
    case 5:
      return {
        profession: 'laboratory_professional' as const,
        credentials: [
          {
            kind: 'state_licence' as const,
            state: 'FL',
            subtype: 'technologist',
            category: 'microbiology',
            identifier: `TN${id}`,
          },
        ],
      };
    case 6:
      return { profession: 'pharmacist' as const, nabpEProfileId: id, birthMonthDay: '0415' };
    case 7:
      return { profession: 'pharmacy_technician' as const, nabpEProfileId: id, birthMonthDay: '1102' };
    case 8:
      return { profession: 'nurse' as const };
    case 9:
      return { profession: 'other' as const };
    default:
      // A state medical licence, which PARS needs to report the physician's credit.
      return {
        profession: 'physician' as const,
        credentials: [
          { kind: 'state_licence' as const, state: 'NY', subtype: 'medical', identifier: `MD${id}` },
        ],
      };
  }
}

export function demoLearner(n: number, runTag: string) {
  const first = FIRST[n % FIRST.length];
  const last = LAST[(n * 7) % LAST.length];
  const who = credentialsOf(n);
  return {
    id: `demo-${runTag}-${String(n).padStart(3, '0')}`,
    name: `${who.profession === 'physician' ? 'Dr ' : ''}${first} ${last}`,
    // Unique per run, so a learner's inbox holds only this run's emails.
    email: `${first}.${last}.${n}+${runTag}@example.org`.toLowerCase(),
    ...who,
  };
}

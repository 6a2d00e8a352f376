// Where a learner stands on each seeded requirement (RULES.md), with exact
// numbers: learners whose activities and entries meet it, and learners who miss it.
import { describe, expect, it } from 'vitest';
import { credentialStanding, type CreditRecord } from '../../src/domain/credential-standing.js';
import { credentialKey, cycleOf, requirementFor } from '../../src/domain/credential-requirements.js';
import { SEED_REQUIREMENTS } from '../../src/domain/requirement-seed.js';
import type { StoredCredential } from '../../src/domain/profile.js';
import type { EntryKind, TopicArea } from '../../src/domain/topics.js';

const TODAY = '2026-05-01';
const credential = (c: Partial<StoredCredential> & Pick<StoredCredential, 'kind'>): StoredCredential => ({
  identifier: 'X-1',
  state: null,
  subtype: null,
  category: null,
  cycleStartsOn: null,
  cycleEndsOn: null,
  ...c,
});
const mls = credential({
  kind: 'ascp_certification',
  subtype: 'MLS',
  cycleStartsOn: '2024-01-01',
  cycleEndsOn: '2026-12-31',
});
const caCls = credential({ kind: 'state_licence', state: 'CA', subtype: 'cls', cycleEndsOn: '2027-01-31' });
const caCpt1 = credential({ kind: 'state_licence', state: 'CA', subtype: 'cpt1', cycleEndsOn: '2027-01-31' });
const flMicro = credential({
  kind: 'state_licence',
  state: 'FL',
  subtype: 'technologist',
  category: 'microbiology',
  cycleStartsOn: '2025-03-01',
  cycleEndsOn: '2027-02-28',
});

let n = 0;
const activity = (hours: number, topics: TopicArea[], types = ['pace'], on = '2026-02-01'): CreditRecord => ({
  id: `enrollment:${++n}`,
  title: `Activity ${n}`,
  provider: 'Northwind',
  completedOn: on,
  claimed: types.map((type) => ({ type, hours })),
  topics: topics.map((area) => ({ area })),
});
const entry = (
  hours: number,
  kind: EntryKind,
  topics: TopicArea[] = [],
  on = '2026-01-15',
): CreditRecord => ({
  id: `entry:${++n}`,
  title: `Entry ${n}`,
  provider: 'Elsewhere',
  completedOn: on,
  entry: { kind, hours, status: 'submitted' },
  topics: topics.map((area) => ({ area })),
});

function standing(c: StoredCredential, records: CreditRecord[], moves = {}) {
  const requirement = requirementFor(SEED_REQUIREMENTS, c)!;
  return credentialStanding({ credential: c, requirement, records, moves, today: TODAY });
}
const byId = (s: ReturnType<typeof standing>) =>
  Object.fromEntries(s.minimums.map((m) => [m.id, [m.earned, m.needed, m.met]]));

describe('ASCP CMP, MLS: 36 points in 3 years, 2 each in blood banking, chemistry, hematology, microbiology, 1 safety, 1 ethics', () => {
  const topicActivities = [
    activity(2, ['blood_banking']),
    activity(2, ['chemistry']),
    activity(2, ['hematology']),
    activity(2, ['microbiology']),
    activity(1, ['safety']),
    activity(1, ['ethics']),
  ];

  it('is met by 10 points in the topics and 26 more from elsewhere', () => {
    const s = standing(mls, [...topicActivities, entry(26, 'course')]);
    expect([s.earned, s.needed, s.remaining, s.met, s.of, s.allMet]).toEqual([36, 36, 0, 7, 7, true]);
    expect(byId(s)).toEqual({
      blood_banking: [2, 2, true],
      chemistry: [2, 2, true],
      hematology: [2, 2, true],
      microbiology: [2, 2, true],
      safety: [1, 1, true],
      ethics: [1, 1, true],
    });
    expect(s.cycle).toEqual({ startsOn: '2024-01-01', endsOn: '2026-12-31' });
    expect(s.daysLeft).toBe(244);
  });

  it('misses ethics and 7 points when ethics is left out and only 20 come from elsewhere', () => {
    const s = standing(mls, [...topicActivities.slice(0, 5), entry(20, 'authoring')]);
    expect([s.earned, s.remaining, s.met, s.allMet]).toEqual([29, 7, 5, false]);
    expect(byId(s).ethics).toEqual([0, 1, false]);
    expect(s.minimums.find((m) => m.id === 'ethics')!.why).toBe(
      'None of your credit in this cycle covers ethics.',
    );
  });

  it('misses a topic minimum by a quarter point', () => {
    const s = standing(mls, [
      ...topicActivities.slice(1),
      activity(1.75, ['blood_banking']),
      entry(30, 'course'),
    ]);
    expect(byId(s).blood_banking).toEqual([1.75, 2, false]);
    expect(s.minimums.find((m) => m.id === 'blood_banking')!.remaining).toBe(0.25);
    expect([s.totalMet, s.met]).toEqual([true, 6]);
  });

  it('counts academic credit for at most half of the 36 points (18)', () => {
    const s = standing(mls, [entry(30, 'academic', ['chemistry']), entry(10, 'course')]);
    expect(s.academic).toEqual({ offered: 30, counted: 18, cap: 18 });
    expect([s.earned, s.remaining]).toEqual([28, 8]);
    const met = standing(mls, [...topicActivities, entry(18, 'academic'), entry(8, 'presentation')]);
    expect([met.earned, met.allMet]).toEqual([36, true]);
    const over = standing(mls, [...topicActivities, entry(26, 'academic')]);
    expect([over.earned, over.allMet]).toEqual([28, false]);
  });

  it('leaves out credit from before the cycle, and credit of a kind it does not take', () => {
    const old = activity(10, ['chemistry'], ['pace'], '2023-12-31');
    const acpe = activity(3, ['chemistry'], ['acpe']);
    const s = standing(mls, [old, acpe]);
    expect(s.earned).toBe(0);
    expect(s.sources.map((x) => [x.counts, x.reason])).toEqual([
      [false, 'completed 2023-12-31, outside the cycle 2024-01-01 to 2026-12-31'],
      [false, 'ASCP BOC MLS (Medical Laboratory Scientist) CMP does not accept the credit claimed (acpe)'],
    ]);
  });
});

describe('California: 24 hours per two-year renewal, phlebotomists 6', () => {
  it('counts an activity once however many credit types were claimed for it', () => {
    const s = standing(caCls, [activity(1.5, [], ['ama_pra_1', 'pace'])]);
    expect(s.earned).toBe(1.5);
  });

  it('is met by 24 hours and missed by 23.75', () => {
    expect(standing(caCls, [activity(12, []), entry(12, 'course')])).toMatchObject({
      earned: 24,
      allMet: true,
      of: 1,
    });
    expect(standing(caCls, [activity(12, []), entry(11.75, 'course')])).toMatchObject({
      earned: 23.75,
      remaining: 0.25,
      allMet: false,
    });
  });

  it('takes 6 hours for a phlebotomist, and not committee service', () => {
    expect(standing(caCpt1, [activity(6, [])])).toMatchObject({ needed: 6, earned: 6, allMet: true });
    expect(standing(caCpt1, [activity(5, []), entry(3, 'committee_service')])).toMatchObject({
      earned: 5,
      remaining: 1,
      allMet: false,
    });
  });

  it('works out a cycle from its end date alone: two years back', () => {
    expect(cycleOf(caCls, 2)).toEqual({ startsOn: '2025-02-01', endsOn: '2027-01-31' });
  });
});

describe('Florida: 24 hours in 2 years, 1 in the licensed category, 1 HIV/AIDS, 2 preventing medical errors, 1 laws and rules', () => {
  const required = [
    activity(1, ['microbiology']),
    activity(1, ['hiv_aids']),
    activity(2, ['medical_errors']),
    activity(1, ['florida_laws_rules']),
  ];

  it('is met by the required topics and 19 more hours', () => {
    const s = standing(flMicro, [...required, activity(19, ['chemistry'])]);
    expect([s.earned, s.met, s.of, s.allMet]).toEqual([24, 5, 5, true]);
    expect(byId(s)).toEqual({
      licensed_category: [1, 1, true],
      hiv_aids: [1, 1, true],
      medical_errors: [2, 2, true],
      florida_laws_rules: [1, 1, true],
    });
    expect(s.minimums[0].label).toBe('Licensed category: microbiology');
  });

  it('misses preventing medical errors with 1 hour of it, and the category with none in it', () => {
    const s = standing(flMicro, [
      activity(1, ['hiv_aids']),
      activity(1, ['medical_errors']),
      activity(22, ['chemistry']),
    ]);
    expect([s.earned, s.met, s.allMet]).toEqual([24, 2, false]);
    expect(byId(s)).toEqual({
      licensed_category: [0, 1, false],
      hiv_aids: [1, 1, true],
      medical_errors: [1, 2, false],
      florida_laws_rules: [0, 1, false],
    });
  });

  it('counts blood banking toward an immunohematology licence', () => {
    const immuno = { ...flMicro, category: 'immunohematology' };
    const s = standing(immuno, [activity(1, ['blood_banking'])]);
    expect(byId(s).licensed_category).toEqual([1, 1, true]);
  });
});

describe('which requirement a credential follows', () => {
  it('matches by kind, state and subtype, and names credentials stably', () => {
    expect(requirementFor(SEED_REQUIREMENTS, mls)!.id).toBe('ascp-mls');
    expect(requirementFor(SEED_REQUIREMENTS, caCpt1)!.id).toBe('ca-phlebotomy');
    expect(requirementFor(SEED_REQUIREMENTS, flMicro)!.id).toBe('fl-lab');
    expect(
      requirementFor(SEED_REQUIREMENTS, credential({ kind: 'ascp_certification', subtype: 'H' })),
    ).toBeUndefined();
    expect(credentialKey(flMicro)).toBe('state_licence:FL:technologist:microbiology');
  });
});

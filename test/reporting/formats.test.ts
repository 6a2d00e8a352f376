// The regulators' file formats, against golden files checked by hand against
// the published layouts: CE Broker's text upload (every record exactly 100
// characters, each field at its published position), the PARS tab-delimited
// learner and activity files (columns in their published order), the CPE
// Monitor batch file; and the deadlines and refusals in the ledger's terms.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ceBrokerTextFile, RECORD_LENGTH } from '../../src/reporting/formats/ce-broker-text.js';
import { rosterXml, parseRosterAnswer } from '../../src/reporting/formats/ce-broker-xml.js';
import {
  PARS_ACTIVITY_COLUMNS,
  PARS_LEARNER_COLUMNS,
  parsActivityFile,
  parsLearnerFile,
  parsLearnerJson,
} from '../../src/reporting/formats/pars.js';
import { cpeMonitorBatchFile } from '../../src/reporting/formats/cpe-monitor.js';
import {
  buildRecord,
  splitName,
  type CeBrokerRecord,
  type CpeMonitorRecord,
  type ParsRecord,
} from '../../src/reporting/records.js';
import { rejectionKindOf } from '../../src/reporting/adapters/types.js';
import { isOverdue, reportingDueAt } from '../../src/domain/reporting.js';

const golden = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./golden/${name}`, import.meta.url)), 'utf8');

const anna: CeBrokerRecord = {
  licenceNumber: 'CH12345',
  profession: 'CH',
  state: 'FL',
  firstName: 'Anna Łucja',
  lastName: 'Nowak-Müller',
  completedOn: '2026-03-05',
  hours: 1.5,
};
const ben: CeBrokerRecord = {
  ...anna,
  licenceNumber: 'TC 987654',
  profession: 'TC',
  firstName: 'Ben',
  lastName: 'Okafor',
  hours: 1,
};

describe('CE Broker text upload', () => {
  const file = ceBrokerTextFile({ id: '50-12345', name: 'Society for Clinical Microbiology' }, [
    {
      courseId: '20-777001',
      title: 'Diagnosing C. difficile infection',
      startsOn: '2026-03-05',
      endsOn: '2026-03-05',
      hours: 1.5,
      attendees: [anna, ben],
    },
  ]);
  const lines = file.split('\r\n').slice(0, -1);

  it('is the golden file, CRLF line ends', () => {
    expect(file).toBe(golden('ce-broker.txt'));
  });

  it('has every record exactly 100 characters, in the order 1, 2, 3, 3, 4, 5, 6', () => {
    expect(lines.map((l) => l.length)).toEqual(lines.map(() => RECORD_LENGTH));
    expect(lines.map((l) => l[0]).join('')).toBe('123345' + '6');
  });

  it('puts each field at its published position', () => {
    const [provider, course, a, b, partial, control, eof] = lines;
    const at = (line: string, from: number, to: number) => line.slice(from - 1, to);
    expect(at(provider, 2, 4)).toBe('50-');
    expect(at(provider, 5, 13)).toBe('000012345');
    expect(at(provider, 14, 93).trimEnd()).toBe('Society for Clinical Microbiology');
    expect(at(provider, 94, 100)).toBe('       ');
    expect(at(course, 2, 13)).toBe('20-000777001');
    expect(at(course, 14, 29)).toBe('0305202603052026');
    expect(at(course, 90, 94)).toBe('00150');
    expect(at(a, 2, 3)).toBe('CH');
    expect(at(a, 4, 23).trimEnd()).toBe('CH12345');
    // Names in ASCII: accents dropped, Ł written L.
    expect(at(a, 24, 43).trimEnd()).toBe('Anna Lucja');
    expect(at(a, 44, 73).trimEnd()).toBe('Nowak-Muller');
    expect(at(a, 74, 81)).toBe('03052026');
    expect(at(b, 2, 23).trimEnd()).toBe('TCTC 987654');
    // Ben earned 1 of the course's 1.5 hours: a partial credit record follows his.
    expect(at(partial, 1, 28)).toBe(`4TC${'TC 987654'.padEnd(20)}00100`);
    expect(at(control, 2, 6)).toBe('00002');
    expect(at(eof, 2, 13)).toBe('000010000007');
  });

  it('never lets a long value push a field out of place', () => {
    const long = ceBrokerTextFile({ id: '50-1', name: 'P'.repeat(300) }, [
      {
        courseId: '20-1',
        title: 'T'.repeat(300),
        startsOn: '2026-01-01',
        endsOn: '2026-01-01',
        hours: 1,
        attendees: [{ ...anna, lastName: 'L'.repeat(90), hours: 1 }],
      },
    ]);
    for (const line of long.split('\r\n').slice(0, -1)) expect(line).toHaveLength(100);
  });

  it('sends the same data to the web service as a roster, and reads its refusals', () => {
    const xml = rosterXml({
      providerId: '50-12345',
      uploadKey: 'KEY',
      courseId: '20-777001',
      courseHours: 1.5,
      attendee: ben,
    });
    expect(xml).toContain('<rosters id_parent_provider="12345" upload_key="KEY">');
    expect(xml).toContain('<license>TC 987654</license><cebroker_state>FL</cebroker_state>');
    expect(xml).toContain('<date_completed>03/05/2026</date_completed>');
    expect(xml).toContain('<partial_credit_hours>1</partial_credit_hours>');
    expect(
      rosterXml(
        { providerId: '50-1', uploadKey: 'KEY', courseId: '20-1', courseHours: 1.5, attendee: anna },
        false,
      ),
    ).not.toContain('KEY');
    const answer = `<string xmlns="http://www.cebroker.com/CEBrokerWebService/">&lt;rosters&gt;&lt;roster&gt;&lt;attendees&gt;&lt;attendee ErrorCode="30" ErrorMessage="License TC 987654 is not found"/&gt;&lt;/attendees&gt;&lt;/roster&gt;&lt;/rosters&gt;</string>`;
    expect(parseRosterAnswer(answer).errors).toEqual([
      { code: '30', message: 'License TC 987654 is not found' },
    ]);
  });
});

const parsRecord: ParsRecord = {
  providerActivityId: 'micro-101',
  firstName: 'Ana',
  lastName: 'Silva',
  birthMonth: '04',
  birthDay: '12',
  licenceState: 'CA',
  licenceNumber: 'A123456',
  completedOn: '2026-03-05',
  credits: 1.5,
};

describe('PARS', () => {
  it('writes the learner upload in the columns’ published order, no header row', () => {
    const file = parsLearnerFile([
      { providerId: '0001234', parsActivityId: '202612345', record: parsRecord },
    ]);
    expect(file).toBe(golden('pars-learners.txt'));
    const cells = file.trimEnd().split('\t');
    expect(cells).toHaveLength(PARS_LEARNER_COLUMNS.length);
    const by = Object.fromEntries(PARS_LEARNER_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(by).toMatchObject({
      'Provider ID': '0001234',
      'Activity ID': '202612345',
      'First Name': 'Ana',
      'Last Name': 'Silva',
      'DOB Month': '04',
      'DOB Day': '12',
      'Licensing State': 'CA',
      'License ID': 'A123456',
      'Completion Date': '03/05/2026',
      'AMA PRA Category 1 Credits': '1.5',
      Action: 'A',
    });
  });

  it('keeps a tab inside a value from shifting the columns', () => {
    const file = parsLearnerFile([
      { providerId: '1', parsActivityId: '2', record: { ...parsRecord, lastName: 'Silva\tCosta' } },
    ]);
    expect(file.trimEnd().split('\t')).toHaveLength(PARS_LEARNER_COLUMNS.length);
  });

  it('writes the year’s activity file in its columns’ order', () => {
    const file = parsActivityFile([
      {
        providerActivityId: 'micro-101',
        title: 'C. difficile',
        format: 'live',
        startsOn: '2026-03-05',
        endsOn: '2026-03-05',
        location: 'Webinar',
        hours: 2,
        physicianLearners: 12,
        otherLearners: 30,
        amaCreditsDesignated: 2,
      },
    ]);
    expect(file).toBe(golden('pars-activities.txt'));
    expect(file.trimEnd().split('\t')).toHaveLength(PARS_ACTIVITY_COLUMNS.length);
  });

  it('sends the web service the same record as JSON, dates without a time', () => {
    expect(
      parsLearnerJson({ providerId: '0001234', parsActivityId: '202612345', record: parsRecord }),
    ).toEqual({
      ProviderId: '0001234',
      ActivityId: '202612345',
      ProviderActivityId: 'micro-101',
      Learner: {
        FirstName: 'Ana',
        LastName: 'Silva',
        DOBMonth: 4,
        DOBDay: 12,
        LicenseState: 'CA',
        LicenseId: 'A123456',
      },
      CompletionDate: '2026-03-05',
      CreditType: 'AMA PRA Category 1 Credit',
      Credits: 1.5,
    });
  });
});

describe('CPE Monitor', () => {
  const record: CpeMonitorRecord = {
    uan: '0001-0000-26-001-L01-P',
    providerNumber: '0001',
    epid: '1234567',
    birthMonthDay: '0412',
    participationDate: '2026-03-05',
    participantType: 'P',
    contactHours: 1.5,
  };

  it('writes the batch file, grouped by provider', () => {
    const file = cpeMonitorBatchFile(
      [record, { ...record, epid: '7654321', participantType: 'T', uan: '0001-0000-26-002-H04-T' }],
      new Date('2026-03-20T10:00:00Z'),
    );
    expect(file).toBe(golden('cpe-monitor.xml'));
  });

  it('builds the record from the profile: the UAN’s provider, a live activity’s date, the profession', () => {
    const built = buildRecord({
      regulator: 'cpe_monitor',
      credits: 1.25,
      completedAt: new Date('2026-03-07T15:00:00Z'),
      activity: {
        id: 'a',
        format: 'live',
        startsAt: new Date('2026-03-05T18:00:00Z'),
        uan: '0204-9999-26-010-L01-T',
      },
      learner: { name: 'Dr Ana Silva' },
      profile: {
        profession: 'pharmacy_technician',
        nabpEProfileId: '123456',
        birthMonthDay: '1231',
        credentials: [],
      },
    });
    expect(built).toEqual({
      uan: '0204-9999-26-010-L01-T',
      providerNumber: '0204',
      epid: '123456',
      birthMonthDay: '1231',
      participationDate: '2026-03-05',
      participantType: 'T',
      contactHours: 1.25,
    });
    expect(splitName('Dr. María José García')).toEqual({ firstName: 'María José', lastName: 'García' });
  });
});

describe('deadlines and refusals', () => {
  const completed = new Date('2026-03-05T12:00:00Z');
  it('gives CPE Monitor 60 days and CE Broker 30 from completion; PARS none', () => {
    expect(reportingDueAt('cpe_monitor', completed)?.toISOString()).toBe('2026-05-04T12:00:00.000Z');
    expect(reportingDueAt('ce_broker', completed)?.toISOString()).toBe('2026-04-04T12:00:00.000Z');
    expect(reportingDueAt('pars', completed)).toBeNull();
    const dueAt = reportingDueAt('ce_broker', completed);
    expect(isOverdue({ status: 'submitted', dueAt }, new Date('2026-04-04T11:59:59Z'))).toBe(false);
    expect(isOverdue({ status: 'submitted', dueAt }, new Date('2026-04-04T12:00:00Z'))).toBe(true);
    expect(isOverdue({ status: 'accepted', dueAt }, new Date('2026-05-01T00:00:00Z'))).toBe(false);
  });

  it('reads each documented refusal as a reason a person can act on', () => {
    expect(rejectionKindOf('The e-Profile ID and date of birth (MMDD) could not be validated')).toBe(
      'identity_mismatch',
    );
    expect(rejectionKindOf('Invalid UAN: 0001-0000-26-999-L01-P is not an active ACPE activity')).toBe(
      'unknown_activity',
    );
    expect(
      rejectionKindOf('Date of participation is outside of the activity dates registered with ACPE'),
    ).toBe('date_outside_activity');
    expect(
      rejectionKindOf('Date of participation is more than 60 days ago; CPE Monitor no longer accepts it'),
    ).toBe('past_deadline');
    expect(rejectionKindOf('License TC 987654 is not found for profession TC in FL')).toBe(
      'licence_not_found',
    );
    expect(rejectionKindOf('Duplicate: this activity has already been reported for this participant')).toBe(
      'duplicate',
    );
    expect(rejectionKindOf('Something else entirely')).toBe('other');
  });
});

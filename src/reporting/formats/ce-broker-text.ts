// CE Broker's text upload ("Text File Upload (System Export Format)"): every
// record exactly 100 characters; record types 1 educational provider (one per
// file), 2 course, 3 attendee, 4 partial credit (optional), 5 course control,
// 6 end of file. Positions count from 1, as CE Broker's help page does.
import type { CeBrokerRecord } from '../records.js';
import { fixedRecord, mmddyyyy } from './fixed-width.js';

export const RECORD_LENGTH = 100;

export interface CeBrokerCourse {
  /** Course tracking number, 20-…. */
  courseId: string;
  title: string;
  startsOn: string;
  endsOn: string;
  /** Full credit of the course; attendees who earned less get a partial-credit record. */
  hours: number;
  attendees: CeBrokerRecord[];
}

const suffix = (trackingNumber: string) => trackingNumber.replace(/^\d\d-/, '');
/** Hours with two decimals and no point: 1.5 → 00150. */
const hundredths = (hours: number) => String(Math.round(hours * 100));

/** Record 1: type, "50-", the provider tracking number's 9 digits, the provider name (80), 7 blanks. */
export function providerRecord(providerId: string, providerName: string): string {
  return fixedRecord(RECORD_LENGTH, [
    { from: 1, to: 1, value: '1' },
    { from: 2, to: 4, value: '50-' },
    { from: 5, to: 13, value: suffix(providerId), align: 'zeros' },
    { from: 14, to: 93, value: providerName },
    { from: 94, to: 100, value: '' },
  ]);
}

/** Record 2: type, "20-", the course tracking number's 9 digits, start and end (MMDDYYYY), name (60), hours, blanks. */
export function courseRecord(c: CeBrokerCourse): string {
  return fixedRecord(RECORD_LENGTH, [
    { from: 1, to: 1, value: '2' },
    { from: 2, to: 4, value: '20-' },
    { from: 5, to: 13, value: suffix(c.courseId), align: 'zeros' },
    { from: 14, to: 21, value: mmddyyyy(c.startsOn) },
    { from: 22, to: 29, value: mmddyyyy(c.endsOn) },
    { from: 30, to: 89, value: c.title },
    { from: 90, to: 94, value: hundredths(c.hours), align: 'zeros' },
    { from: 95, to: 100, value: '' },
  ]);
}

/** Record 3: type, profession (2), licence number (20), first name (20), last name (30), completed (MMDDYYYY), blanks. */
export function attendeeRecord(a: CeBrokerRecord): string {
  return fixedRecord(RECORD_LENGTH, [
    { from: 1, to: 1, value: '3' },
    { from: 2, to: 3, value: a.profession },
    { from: 4, to: 23, value: a.licenceNumber ?? '' },
    { from: 24, to: 43, value: a.firstName },
    { from: 44, to: 73, value: a.lastName },
    { from: 74, to: 81, value: mmddyyyy(a.completedOn) },
    { from: 82, to: 100, value: '' },
  ]);
}

/** Record 4: type, profession (2), licence number (20), hours earned (5, hundredths), blanks. */
export function partialCreditRecord(a: CeBrokerRecord): string {
  return fixedRecord(RECORD_LENGTH, [
    { from: 1, to: 1, value: '4' },
    { from: 2, to: 3, value: a.profession },
    { from: 4, to: 23, value: a.licenceNumber ?? '' },
    { from: 24, to: 28, value: hundredths(a.hours), align: 'zeros' },
    { from: 29, to: 100, value: '' },
  ]);
}

/** Record 5: type, the course's attendee count (5), blanks. */
export function courseControlRecord(attendees: number): string {
  return fixedRecord(RECORD_LENGTH, [
    { from: 1, to: 1, value: '5' },
    { from: 2, to: 6, value: attendees, align: 'zeros' },
    { from: 7, to: 100, value: '' },
  ]);
}

/** Record 6: type, courses in the file (5), records in the file including this one (7), blanks. */
export function endOfFileRecord(courses: number, records: number): string {
  return fixedRecord(RECORD_LENGTH, [
    { from: 1, to: 1, value: '6' },
    { from: 2, to: 6, value: courses, align: 'zeros' },
    { from: 7, to: 13, value: records, align: 'zeros' },
    { from: 14, to: 100, value: '' },
  ]);
}

/** The whole file, CRLF line ends: provider, then per course its attendees and control record, then end of file. */
export function ceBrokerTextFile(provider: { id: string; name: string }, courses: CeBrokerCourse[]): string {
  const lines = [providerRecord(provider.id, provider.name)];
  for (const course of courses) {
    lines.push(courseRecord(course));
    for (const a of course.attendees) {
      lines.push(attendeeRecord(a));
      if (a.hours < course.hours) lines.push(partialCreditRecord(a));
    }
    lines.push(courseControlRecord(course.attendees.length));
  }
  lines.push(endOfFileRecord(courses.length, lines.length + 1));
  return `${lines.join('\r\n')}\r\n`;
}

// CE Broker's web service takes the same data as the text upload as an XML
// roster posted in the InXML form field (UploadXMLString); it answers with the
// roster back, each attendee carrying an ErrorCode and ErrorMessage when refused.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { CeBrokerRecord } from '../records.js';
import { usDate } from './fixed-width.js';

export interface RosterInput {
  providerId: string;
  uploadKey: string;
  courseId: string;
  /** The course's full credit: an attendee with less gets a partial credit element. */
  courseHours: number;
  attendee: CeBrokerRecord;
}

const digits = (trackingNumber: string) => trackingNumber.replace(/^\d\d-/, '');
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
});

/** The roster XML for one attendee of one course. */
export function rosterXml(r: RosterInput, secret = true): string {
  const a = r.attendee;
  const attendee: Record<string, unknown> = {
    licensee_profession: a.profession,
    license: a.licenceNumber ?? '',
    cebroker_state: a.state,
    first_name: a.firstName,
    last_name: a.lastName,
    date_completed: usDate(a.completedOn),
  };
  if (a.hours < r.courseHours)
    attendee.partial_credits = {
      partial_credit: {
        cd_profession: a.profession,
        cd_subject_area: 'GENERAL',
        partial_credit_hours: a.hours,
      },
    };
  return builder.build({
    rosters: {
      '@_id_parent_provider': digits(r.providerId),
      '@_upload_key': secret ? r.uploadKey : '(upload key)',
      roster: {
        id_provider: digits(r.providerId),
        id_course: digits(r.courseId),
        end_date: usDate(a.completedOn),
        attendees: { attendee },
      },
    },
  }) as string;
}

export interface RosterAnswer {
  errors: { code: string; message: string }[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });

/** Reads the answer: the web service wraps the roster XML, escaped, in a <string> element. */
export function parseRosterAnswer(body: string): RosterAnswer {
  let doc = parser.parse(body) as Record<string, unknown>;
  const wrapped = doc.string as string | { '#text'?: string } | undefined;
  if (wrapped !== undefined) {
    const inner = typeof wrapped === 'string' ? wrapped : (wrapped['#text'] ?? '');
    doc = parser.parse(inner) as Record<string, unknown>;
  }
  const errors: RosterAnswer['errors'] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const code = n['@_ErrorCode'];
    const message = n['@_ErrorMessage'];
    if ((code !== undefined && code !== '' && code !== '0') || (message !== undefined && message !== ''))
      errors.push({ code: String(code ?? ''), message: String(message ?? '') });
    for (const [k, v] of Object.entries(n)) if (!k.startsWith('@_')) visit(v);
  };
  if (!doc.rosters) throw new Error('CE Broker answered without a <rosters> element');
  visit(doc.rosters);
  return { errors };
}

// A fake CE Broker web service: the roster XML in the InXML form field of
// UploadXMLString, answered (as the ASMX service does) with the roster back
// inside a <string> element, a refused attendee carrying ErrorCode and
// ErrorMessage (licence not found, unknown course, bad upload key).
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { startFake, type FakeServer, type Received } from './server.js';

export interface CeBrokerData {
  providerId?: string;
  uploadKey?: string;
  /** Course tracking numbers (digits) CE Broker knows. */
  courses?: string[];
  /** Florida licence numbers CE Broker knows; with `anyLicence`, every one. */
  licences?: string[];
  anyLicence?: boolean;
}

export interface FakeCeBroker extends FakeServer {
  data: Required<CeBrokerData>;
  /** Accepted completions: licence|course|date. */
  accepted: Set<string>;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const wrap = (xml: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<string xmlns="http://www.cebroker.com/CEBrokerWebService/">${escape(xml)}</string>`;

export async function startFakeCeBroker(initial: CeBrokerData = {}, port = 0): Promise<FakeCeBroker> {
  const data: Required<CeBrokerData> = {
    providerId: '',
    uploadKey: '',
    courses: [],
    licences: [],
    anyLicence: false,
    ...initial,
  };
  const accepted = new Set<string>();
  const upload = (r: Received) => {
    const xml = new URLSearchParams(r.body).get('InXML') ?? '';
    const doc = parser.parse(xml) as { rosters?: Record<string, any> };
    const rosters = doc.rosters;
    if (!rosters) return wrap('<rosters ErrorCode="1" ErrorMessage="InXML is not a rosters document"/>');
    if (
      rosters['@_upload_key'] !== data.uploadKey ||
      rosters['@_id_parent_provider'] !== data.providerId.replace(/^50-/, '')
    )
      return wrap(
        builder.build({
          rosters: { ...rosters, '@_ErrorCode': '2', '@_ErrorMessage': 'Invalid provider or upload key' },
        }) as string,
      );
    const list = Array.isArray(rosters.roster) ? rosters.roster : [rosters.roster];
    for (const roster of list) {
      const course = String(roster.id_course);
      const attendees = roster.attendees.attendee;
      for (const a of Array.isArray(attendees) ? attendees : [attendees]) {
        if (!data.courses.includes(course)) {
          a['@_ErrorCode'] = '20';
          a['@_ErrorMessage'] = `Course ${course} is not found for this provider`;
        } else if (!data.anyLicence && !data.licences.includes(String(a.license))) {
          a['@_ErrorCode'] = '30';
          a['@_ErrorMessage'] =
            `License ${a.license} is not found for profession ${a.licensee_profession} in FL`;
        } else {
          accepted.add(`${a.license}|${course}|${a.date_completed}`);
          a['@_valid'] = 'true';
        }
      }
    }
    return wrap(builder.build({ rosters }) as string);
  };
  const server = await startFake(
    {
      isSubmission: (r) => r.path.endsWith('/UploadXMLString'),
      answer: (r) => ({ status: 200, type: 'text/xml; charset=utf-8', body: upload(r) }),
      setup: (d) => {
        const next = d as CeBrokerData;
        if (next.providerId) data.providerId = next.providerId;
        if (next.uploadKey) data.uploadKey = next.uploadKey;
        data.courses.push(...(next.courses ?? []));
        data.licences.push(...(next.licences ?? []));
        if (next.anyLicence !== undefined) data.anyLicence = next.anyLicence;
      },
    },
    port,
  );
  return Object.assign(server, { data, accepted });
}

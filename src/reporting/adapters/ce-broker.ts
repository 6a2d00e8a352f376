// CE Broker's web service: the roster XML posted as the InXML form field to
// UploadXMLString; the answer is the roster back, refused attendees carrying
// ErrorCode and ErrorMessage.
import type { CeBrokerRecord } from '../records.js';
import { parseRosterAnswer, rosterXml } from '../formats/ce-broker-xml.js';
import { refusal, type RegulatorAdapter } from './types.js';

export const ceBrokerAdapter: RegulatorAdapter = {
  regulator: 'ce_broker',
  prepare(input, transport) {
    const roster = {
      providerId: transport.providerId,
      uploadKey: transport.secret,
      courseId: input.courseId ?? '',
      courseHours: input.courseHours,
      attendee: input.record as unknown as CeBrokerRecord,
    };
    return {
      url: transport.url ?? '',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ InXML: rosterXml(roster) }).toString(),
      logged: `POST ${transport.url} InXML=${rosterXml(roster, false)}`,
    };
  },
  interpret(status, body) {
    let answer;
    try {
      answer = parseRosterAnswer(body);
    } catch (err) {
      return { kind: 'transient', message: `CE Broker answered ${status}: ${(err as Error).message}` };
    }
    if (status >= 400 && answer.errors.length === 0) return refusal(`CE Broker: HTTP ${status}`);
    if (answer.errors.length === 0) return { kind: 'accepted' };
    return refusal(answer.errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join('; '));
  },
};

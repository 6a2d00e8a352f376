// ACPE CPE Monitor: the web service's HTTP GET with a JSON answer
// (SubmitCPEActivityJSON, and GetACPEActivityDetailsJSON for the UAN look-up)
// and the batch file staff upload when no web service is set up.
import { XMLBuilder } from 'fast-xml-parser';
import type { CpeMonitorRecord } from '../records.js';
import { usDate } from './fixed-width.js';

/** The query of one submission; action I inserts the record. */
export function submitQuery(r: CpeMonitorRecord, credentials: { username: string; password: string }) {
  return new URLSearchParams({
    provider_number: r.providerNumber,
    epid: r.epid ?? '',
    date_of_birth: r.birthMonthDay ?? '',
    uan: r.uan,
    date_of_participation: r.participationDate,
    participant_type: r.participantType,
    contact_hours: String(r.contactHours),
    action: 'I',
    username: credentials.username,
    password: credentials.password,
  });
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
});

/** The batch file: one <Participant> per record, grouped under the provider. */
export function cpeMonitorBatchFile(records: CpeMonitorRecord[], createdAt: Date): string {
  const byProvider = new Map<string, CpeMonitorRecord[]>();
  for (const r of records) byProvider.set(r.providerNumber, [...(byProvider.get(r.providerNumber) ?? []), r]);
  const body = builder.build({
    CPEMonitorBatch: {
      '@_created': createdAt.toISOString().slice(0, 19),
      Provider: [...byProvider].map(([providerNumber, list]) => ({
        '@_ProviderNumber': providerNumber,
        Participant: list.map((r) => ({
          UAN: r.uan,
          EPID: r.epid ?? '',
          DOB: r.birthMonthDay ?? '',
          DateOfParticipation: usDate(r.participationDate),
          ParticipantType: r.participantType,
          ContactHours: r.contactHours.toFixed(2),
          ActionCode: 'I',
        })),
      })),
    },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

// CPE Monitor's web service: SubmitCPEActivityJSON (HTTP GET, JSON answer:
// status "Accepted", or an error message), and GetACPEActivityDetailsJSON to
// look a UAN up before the activity's first submission.
import type { CpeMonitorRecord } from '../records.js';
import { submitQuery } from '../formats/cpe-monitor.js';
import type { Transport } from '../transports.js';
import { refusal, type RegulatorAdapter, type SendResult } from './types.js';

const endpoint = (transport: Transport, operation: string) =>
  `${(transport.url ?? '').replace(/\/+$/, '')}/${operation}`;

export const cpeMonitorAdapter: RegulatorAdapter = {
  regulator: 'cpe_monitor',
  prepare(input, transport) {
    const record = input.record as unknown as CpeMonitorRecord;
    const query = submitQuery(record, { username: transport.username, password: transport.secret });
    const logged = new URLSearchParams(query);
    logged.set('password', '***');
    const url = endpoint(transport, 'SubmitCPEActivityJSON');
    return {
      url: `${url}?${query}`,
      method: 'GET',
      headers: { accept: 'application/json' },
      logged: `GET ${url}?${logged}`,
    };
  },
  interpret(status, body): SendResult {
    let json: { status?: string; error_code?: string; error_message?: string };
    try {
      json = JSON.parse(body) as typeof json;
    } catch {
      return { kind: 'transient', message: `CPE Monitor answered ${status} without JSON` };
    }
    if (json.status === 'Accepted') return { kind: 'accepted' };
    return refusal(json.error_message || `CPE Monitor: ${json.status ?? `HTTP ${status}`}`);
  },
};

export interface AcpeActivityDetails {
  uan: string;
  isValid: boolean;
  title: string | null;
  releaseDate: string | null;
  expirationDate: string | null;
  /** YYYY-MM-DD of each live date registered. */
  liveDates: string[];
}

/** The activity-details request (the answer is read by readActivityDetails). */
export function activityDetailsRequest(transport: Transport, uan: string) {
  const query = new URLSearchParams({ uan, username: transport.username, password: transport.secret });
  return `${endpoint(transport, 'GetACPEActivityDetailsJSON')}?${query}`;
}

export function readActivityDetails(uan: string, body: string): AcpeActivityDetails {
  const json = JSON.parse(body) as {
    UAN?: string;
    IsValid?: boolean;
    Title?: string;
    ReleaseDate?: string | null;
    ExpirationDate?: string | null;
    LiveDates?: { LiveDate?: string }[];
  };
  const day = (d: string | null | undefined) => (d ? d.slice(0, 10) : null);
  return {
    uan: json.UAN ?? uan,
    isValid: json.IsValid === true,
    title: json.Title ?? null,
    releaseDate: day(json.ReleaseDate),
    expirationDate: day(json.ExpirationDate),
    liveDates: (json.LiveDates ?? []).map((d) => day(d.LiveDate)).filter((d): d is string => !!d),
  };
}

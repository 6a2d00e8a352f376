// A fake ACPE CPE Monitor web service, answering as the Technical
// Specifications describe: SubmitCPEActivityJSON (status Accepted, or a
// refusal with its message: e-Profile ID and birth date that do not match,
// an unknown UAN, a date outside the activity, past 60 days, a duplicate) and
// GetACPEActivityDetailsJSON for the UAN look-up.
import { json, startFake, type FakeServer, type Received } from './server.js';

export interface FakeAcpeActivity {
  title: string;
  liveDates?: string[];
  releaseDate?: string;
  expirationDate?: string;
}

export interface CpeMonitorData {
  /** ePID → MMDD; with `anyProfile`, every well-formed pair matches. */
  profiles?: Record<string, string>;
  anyProfile?: boolean;
  activities?: Record<string, FakeAcpeActivity>;
  /** "Today" for the 60-day rule (default: now). */
  today?: string;
}

export interface FakeCpeMonitor extends FakeServer {
  data: Required<Omit<CpeMonitorData, 'today'>> & { today?: string };
  /** Records CPE Monitor holds: ePID|UAN|date. */
  accepted: Set<string>;
}

const refused = (code: string, message: string) =>
  json(200, { status: 'Rejected', error_code: code, error_message: message });
const DAY = 86_400_000;

export async function startFakeCpeMonitor(initial: CpeMonitorData = {}, port = 0): Promise<FakeCpeMonitor> {
  const data = { profiles: {}, anyProfile: false, activities: {}, ...initial };
  const accepted = new Set<string>();
  const submit = (r: Received) => {
    const q = r.query;
    for (const p of [
      'provider_number',
      'epid',
      'date_of_birth',
      'uan',
      'date_of_participation',
      'username',
      'password',
    ])
      if (!q.get(p)) return refused('MISSING', `Missing required parameter: ${p}`);
    const epid = q.get('epid')!;
    const dob = q.get('date_of_birth')!;
    const known = data.anyProfile
      ? /^\d{6,7}$/.test(epid) && /^\d{4}$/.test(dob)
      : data.profiles[epid] === dob;
    if (!known)
      return refused('EPID_DOB', 'The e-Profile ID and date of birth (MMDD) could not be validated');
    const activity = data.activities[q.get('uan')!];
    if (!activity) return refused('UAN', `Invalid UAN: ${q.get('uan')} is not an active ACPE activity`);
    const date = q.get('date_of_participation')!;
    const today = data.today ? Date.parse(data.today) : Date.now();
    if (today - Date.parse(date) > 60 * DAY)
      return refused(
        'LATE',
        'Date of participation is more than 60 days ago; CPE Monitor no longer accepts it',
      );
    const inside = activity.liveDates
      ? activity.liveDates.includes(date)
      : (!activity.releaseDate || date >= activity.releaseDate) &&
        (!activity.expirationDate || date <= activity.expirationDate);
    if (!inside)
      return refused('DATE', 'Date of participation is outside of the activity dates registered with ACPE');
    const key = `${epid}|${q.get('uan')}|${date}`;
    if (accepted.has(key))
      return refused('DUP', 'Duplicate: this activity has already been reported for this participant');
    accepted.add(key);
    return json(200, { status: 'Accepted' });
  };
  const details = (r: Received) => {
    const uan = r.query.get('uan') ?? '';
    const a = data.activities[uan];
    if (!a) return json(200, { UAN: uan, IsValid: false });
    return json(200, {
      UAN: uan,
      IsValid: true,
      Title: a.title,
      ReleaseDate: a.releaseDate ? `${a.releaseDate}T00:00:00` : null,
      ExpirationDate: a.expirationDate ? `${a.expirationDate}T00:00:00` : null,
      LiveDates: (a.liveDates ?? []).map((d) => ({
        LiveDate: `${d}T00:00:00`,
        Location: 'Webinar',
        Format: 'L',
      })),
    });
  };
  const server = await startFake(
    {
      isSubmission: (r) => r.path.endsWith('/SubmitCPEActivityJSON'),
      answer: (r) =>
        r.path.endsWith('/SubmitCPEActivityJSON')
          ? submit(r)
          : r.path.endsWith('/GetACPEActivityDetailsJSON')
            ? details(r)
            : json(404, { status: 'Error', error_message: `no operation ${r.path}` }),
      setup: (d) => {
        const next = d as CpeMonitorData;
        Object.assign(data.profiles, next.profiles ?? {});
        Object.assign(data.activities, next.activities ?? {});
        if (next.anyProfile !== undefined) data.anyProfile = next.anyProfile;
        if (next.today !== undefined) (data as CpeMonitorData).today = next.today;
      },
    },
    port,
  );
  return Object.assign(server, { data, accepted });
}

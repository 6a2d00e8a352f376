// A fake ACCME PARS learner web service: a learner completion as JSON,
// answered Success with an id, or with errors (unknown activity, a learner it
// cannot match, bad credentials).
import { json, startFake, type FakeServer, type Received } from './server.js';

export interface ParsData {
  username?: string;
  password?: string;
  /** PARS activity IDs it knows. */
  activities?: string[];
}

export interface FakePars extends FakeServer {
  data: Required<ParsData>;
}

export async function startFakePars(initial: ParsData = {}, port = 0): Promise<FakePars> {
  const data: Required<ParsData> = { username: '', password: '', activities: [], ...initial };
  let next = 1000;
  const save = (r: Received) => {
    const auth = Buffer.from((r.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    if (auth !== `${data.username}:${data.password}`)
      return json(401, { Status: 'Error', Errors: [{ Code: 'AUTH', Message: 'Unauthorized' }] });
    const body = JSON.parse(r.body) as {
      ActivityId?: string;
      Learner?: { LicenseId?: string; DOBMonth?: number; DOBDay?: number };
    };
    const errors = [];
    if (!body.ActivityId || !data.activities.includes(body.ActivityId))
      errors.push({ Code: 'ACT', Message: `Activity ${body.ActivityId} not found for this provider` });
    if (!body.Learner?.LicenseId) errors.push({ Code: 'LRN', Message: 'License ID is required' });
    if (errors.length) return json(400, { Status: 'Error', Errors: errors });
    return json(200, { Status: 'Success', LearnerActivityId: next++ });
  };
  const server = await startFake(
    {
      isSubmission: (r) => r.path.endsWith('/LearnerActivity'),
      answer: (r) => save(r),
      setup: (d) => {
        const nextData = d as ParsData;
        if (nextData.username) data.username = nextData.username;
        if (nextData.password) data.password = nextData.password;
        data.activities.push(...(nextData.activities ?? []));
      },
    },
    port,
  );
  return Object.assign(server, { data });
}

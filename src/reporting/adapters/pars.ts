// ACCME PARS web services: a learner completion posted as JSON; the answer says
// Success (with PARS's id for it) or lists errors.
import type { ParsRecord } from '../records.js';
import { parsLearnerJson } from '../formats/pars.js';
import { refusal, type RegulatorAdapter } from './types.js';

export const parsAdapter: RegulatorAdapter = {
  regulator: 'pars',
  prepare(input, transport) {
    const body = JSON.stringify(
      parsLearnerJson({
        providerId: transport.providerId,
        parsActivityId: input.parsActivityId,
        record: input.record as unknown as ParsRecord,
      }),
    );
    const url = `${(transport.url ?? '').replace(/\/+$/, '')}/LearnerActivity`;
    const basic = Buffer.from(`${transport.username}:${transport.secret}`).toString('base64');
    return {
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Basic ${basic}`,
      },
      body,
      logged: `POST ${url} ${body}`,
    };
  },
  interpret(status, body) {
    let json: {
      Status?: string;
      LearnerActivityId?: string | number;
      Errors?: { Code?: string; Message?: string }[];
    };
    try {
      json = JSON.parse(body) as typeof json;
    } catch {
      return { kind: 'transient', message: `PARS answered ${status} without JSON` };
    }
    if (status < 300 && json.Status === 'Success')
      return {
        kind: 'accepted',
        confirmation: json.LearnerActivityId ? String(json.LearnerActivityId) : undefined,
      };
    const errors = (json.Errors ?? []).map((e) => e.Message ?? e.Code ?? '').filter(Boolean);
    return refusal(errors.join('; ') || `PARS: ${json.Status ?? `HTTP ${status}`}`);
  },
};

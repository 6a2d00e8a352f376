// The report's policy is parsed once per distinct stored text: the same text
// gives the same parsed policy, an edited policy is read anew, and a stored
// value that is not a valid policy gives the defaults, as policyOrDefaults does.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, policyOrDefaults, policySchema } from '../../src/domain/policy-schema.js';
import { storedPolicy } from '../../src/reports/stored-policy.js';

const policyText = (passMark: number) =>
  JSON.stringify(policySchema.parse({ competence: { passMark, maxAttempts: 2, items: [] } }));

describe('storedPolicy', () => {
  it('parses a stored text once and gives what policyOrDefaults gives', () => {
    const text = policyText(0.7);
    const first = storedPolicy(text);
    expect(first).toEqual(policyOrDefaults(JSON.parse(text)));
    expect(storedPolicy(text)).toBe(first);
  });

  it('reads an edited policy anew (the text is the key)', () => {
    expect(storedPolicy(policyText(0.7)).competence.passMark).toBe(0.7);
    expect(storedPolicy(policyText(0.8)).competence.passMark).toBe(0.8);
    expect(storedPolicy(policyText(0.7)).competence.passMark).toBe(0.7);
  });

  it('fills in the defaults of a policy saved before a field existed, and gives the defaults for an invalid one', () => {
    expect(storedPolicy('{}')).toEqual(DEFAULT_POLICY);
    expect(storedPolicy('{"competence": {"passMark": "high"}}')).toEqual(DEFAULT_POLICY);
  });

  it('keeps a bounded number of policies: past it the oldest is parsed again when read', () => {
    const oldest = policyText(0.01);
    const kept = storedPolicy(oldest);
    for (let i = 0; i < 300; i++) storedPolicy(policyText(0.1 + i / 1000));
    const again = storedPolicy(oldest);
    expect(again).not.toBe(kept);
    expect(again).toEqual(kept);
  });
});

// The credits section from an activity's report buckets, as creditSql counts
// it: per type in the buckets' order, exact totals (numeric summed, then
// cast), the designated maximum read from the stored policy as raw JSON, and
// the certificates of participation on their own line, never at a maximum.
import { describe, expect, it } from 'vitest';
import { creditRowsFrom, type CreditBucket } from '../../src/reports/queries/credit-buckets.js';

const AMA = { type: 'ama_pra_1', maxCredits: 2 };

describe('the credits section from the report buckets', () => {
  it('sums each type exactly, as numeric does before the cast (not 0.30000000000000004)', () => {
    const buckets: CreditBucket[] = [
      ['credit', 'ama_pra_1', '0.10', 1],
      ['credit', 'ama_pra_1', '0.20', 1],
    ];
    expect(creditRowsFrom('a1', buckets, [AMA])).toEqual([
      {
        activity_id: 'a1',
        credit_type: 'ama_pra_1',
        claimants: 2,
        total: 0.3,
        max_claimed: 0.2,
        at_maximum: 0,
      },
    ]);
  });

  it('counts the claims at the designated maximum, types in the order the buckets come', () => {
    const buckets: CreditBucket[] = [
      ['credit', 'acpe', '1.50', 3],
      ['credit', 'ama_pra_1', '1.25', 4],
      ['credit', 'ama_pra_1', '2.00', 7],
      ['participation', '4.50', '3.00', 2],
      ['credit', 'pace', '2.25', 1],
    ];
    const designations = [AMA, { type: 'acpe', maxCredits: '1.5' }, { type: 'pace', maxCredits: null }];
    const rows = creditRowsFrom('a1', buckets, designations);
    expect(rows.map((r) => [r.credit_type, r.claimants, r.total, r.max_claimed, r.at_maximum])).toEqual([
      ['acpe', 3, 4.5, 1.5, 3],
      ['ama_pra_1', 11, 19, 2, 7],
      // Learners with certificates of participation: their hours summed, the largest; none at a maximum.
      ['participation', 2, 9, 3, 0],
      // No maximum designated (null in the stored policy): nobody is at it.
      ['pace', 1, 2.25, 2.25, 0],
    ]);
  });

  it('finds no maximum in a policy without designations, or with them in another shape', () => {
    const buckets: CreditBucket[] = [['credit', 'ama_pra_1', '2.00', 1]];
    for (const designations of [null, undefined, {}, 'ama_pra_1', [{ type: 'ama_pra_1' }], [null]])
      expect(creditRowsFrom('a1', buckets, designations)[0].at_maximum).toBe(0);
    expect(creditRowsFrom('a1', buckets, [{ type: 'ama_pra_1', maxCredits: 1.5 }])[0].at_maximum).toBe(1);
  });

  it('gives no row for an activity nobody claimed', () => {
    expect(creditRowsFrom('a1', [], [AMA])).toEqual([]);
  });
});

// The custom migration seeds exactly the requirements of src/domain/requirement-seed.ts
// (RULES.md's numbers), so the two cannot drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_REQUIREMENTS } from '../../src/domain/requirement-seed.js';
import { requirementBodySchema } from '../../src/domain/credential-requirements-schema.js';

function seededRows(): Record<string, unknown> {
  const file = readdirSync('drizzle').find((f) => f.endsWith('_credential-requirements-seed.sql'));
  if (!file) throw new Error('no seed migration');
  const sql = readFileSync(`drizzle/${file}`, 'utf8');
  const rows = [...sql.matchAll(/VALUES \('([^']+)', '((?:[^']|'')*)'::jsonb\)/g)];
  return Object.fromEntries(rows.map(([, id, json]) => [id, JSON.parse(json.replaceAll("''", "'"))]));
}

describe('the requirement seed migration', () => {
  it('holds the seed requirements, each valid', () => {
    const rows = seededRows();
    expect(Object.keys(rows).sort()).toEqual(SEED_REQUIREMENTS.map((r) => r.id).sort());
    for (const { id, ...definition } of SEED_REQUIREMENTS) {
      expect(rows[id]).toEqual(JSON.parse(JSON.stringify(definition)));
      expect(requirementBodySchema.safeParse(definition).success).toBe(true);
    }
  });

  it('has RULES.md’s numbers', () => {
    const byId = Object.fromEntries(SEED_REQUIREMENTS.map((r) => [r.id, r]));
    for (const id of ['ascp-mls', 'ascp-mlt']) {
      expect(byId[id]).toMatchObject({ total: 36, cycleYears: 3, unit: 'points', academicMaxShare: 0.5 });
      expect(byId[id].minimums.find((m) => m.id === 'safety')?.hours).toBe(1);
      expect(byId[id].minimums.find((m) => m.id === 'ethics')?.hours).toBe(1);
    }
    expect(byId['ca-cls']).toMatchObject({ total: 24, cycleYears: 2 });
    expect(byId['ca-phlebotomy']).toMatchObject({ total: 6, cycleYears: 2 });
    expect(byId['fl-lab']).toMatchObject({ total: 24, cycleYears: 2 });
    expect(Object.fromEntries(byId['fl-lab'].minimums.map((m) => [m.id, m.hours]))).toEqual({
      licensed_category: 1,
      hiv_aids: 1,
      medical_errors: 2,
      florida_laws_rules: 1,
    });
  });
});

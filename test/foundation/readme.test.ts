// The README's promises that can drift: every config variable in the table
// with its default and meaning as src/config.ts has them, and the two commands.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { configSchema } from '../../src/config.js';
import { README_PATH, TABLE_END, TABLE_START, configTable } from '../../scripts/config-table.js';

const readme = readFileSync(README_PATH, 'utf8');

/** Table rows as trimmed cells, so a prettier-aligned table compares equal. */
function cells(table: string): string[][] {
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
}

describe('README', () => {
  it('lists every config variable with its default and meaning (npx tsx scripts/config-table.ts --write)', () => {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    const inReadme = cells(readme.slice(start, end));
    expect(inReadme).toEqual(cells(configTable()));
    expect(inReadme.slice(1).map((row) => row[0])).toEqual(
      Object.keys(configSchema.shape).map((k) => `\`${k}\``),
    );
  });

  it('gives the two commands of a fresh clone', () => {
    const intro = readme.slice(readme.indexOf('<!-- section:intro'), readme.indexOf('<!-- /section:intro'));
    expect(intro).toMatch(/^npm start\b/m);
    expect(intro).toMatch(/^npm test\b/m);
  });
});

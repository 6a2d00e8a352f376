// CSV cells a spreadsheet would run as formulas are written as text; numbers stay numbers.
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/reports/views/csv.js';

describe('report CSV cells', () => {
  it("prefixes ' to text starting with = + - @, a tab or a CR, and leaves numbers alone", () => {
    const csv = toCsv([
      ['=1+1', '-1+HYPERLINK("http://x")', '-2+3+cmd|/C calc!A0', '+SUM(A1)', '@cmd', '\tx', '\rx'],
      [-1.5, 0.875, 'plain', '-', 'a,b', 'say "hi"'],
    ]);
    const [formulas, values] = csv.split('\r\n');
    expect(formulas).toBe(
      `'=1+1,"'-1+HYPERLINK(""http://x"")",'-2+3+cmd|/C calc!A0,'+SUM(A1),'@cmd,'\tx,"'\rx"`,
    );
    expect(values).toBe(`-1.5,0.875,plain,'-,"a,b","say ""hi"""`);
  });
});

// The input rule, on its own: what text is taken and what is refused, by name.
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH, textProblem, textProblems } from '../../src/domain/text.js';

describe('the text rule', () => {
  it('takes text in any script, emoji, tabs and line breaks', () => {
    for (const ok of ['Łukasz Żółć', 'José Núñez', 'Nguyễn Thị Minh', '王小明', 'Ça va 👍🏽', 'a\tb\r\nc', ''])
      expect(textProblem(ok), ok).toBeNull();
  });

  it('refuses a NUL byte, other control characters, broken surrogates and non-characters', () => {
    expect(textProblem('order\u0000test')).toMatch(/NUL/);
    expect(textProblem('bell\u0007')).toMatch(/control character/);
    expect(textProblem('esc\u001b[31m')).toMatch(/control character/);
    expect(textProblem('c1\u0085')).toMatch(/control character/);
    expect(textProblem('half \ud83d emoji')).toMatch(/unpaired/);
    expect(textProblem('\udc00 alone')).toMatch(/unpaired/);
    expect(textProblem('not a char \uffff')).toMatch(/non-character/);
  });

  it('refuses text longer than the limit, saying how long it is', () => {
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH))).toBeNull();
    expect(textProblem('x'.repeat(MAX_TEXT_LENGTH + 1))).toBe(
      `at most ${MAX_TEXT_LENGTH} characters (this has ${MAX_TEXT_LENGTH + 1})`,
    );
  });

  it('names every refused string in a body by its path, keys included', () => {
    expect(
      textProblems(
        { commitment: 'ok', claims: [{ note: 'x\u0000' }], answers: { ['v\u0001']: 'a' } },
        'body',
      ),
    ).toEqual([
      { field: 'body.claims.0.note', message: expect.stringMatching(/NUL/) },
      { field: 'body.answers.v\u0001', message: expect.stringMatching(/^name .*control character/) },
    ]);
  });
});

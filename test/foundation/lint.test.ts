// The lint rules that keep workflow code replay-safe and promises awaited,
// checked through ESLint's Node API on code linted as if it were workflows/index.ts
// (a file the TypeScript project knows; the text given here replaces its content).
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { ROOT } from './entry-process.js';

const eslint = new ESLint({ cwd: ROOT });

async function lintAsWorkflow(code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, 'workflows', 'index.ts') });
  return result.messages.map((m) => ({ rule: m.ruleId, severity: m.severity, message: m.message }));
}

describe('lint rules', () => {
  it('refuses Node built-ins in workflows', async () => {
    const messages = await lintAsWorkflow(
      "import { readFileSync } from 'node:fs';\nexport const policyText = (): string => readFileSync('policy.json', 'utf8');\n",
    );
    expect(messages).toContainEqual(
      expect.objectContaining({
        rule: 'no-restricted-imports',
        severity: 2,
        message: expect.stringMatching(/node:fs/),
      }),
    );
  });

  it('refuses a floating promise', async () => {
    const messages = await lintAsWorkflow(
      'async function sendReminder(): Promise<void> {}\nexport function remind(): void {\n  sendReminder();\n}\n',
    );
    expect(messages).toContainEqual(
      expect.objectContaining({ rule: '@typescript-eslint/no-floating-promises', severity: 2 }),
    );
  });

  it('holds the domain rules, which workflows import, to the same: no Node built-ins', async () => {
    const [result] = await eslint.lintText(
      "import { randomInt } from 'node:crypto';\nexport const dieRoll = (): number => randomInt(6);\n",
      { filePath: join(ROOT, 'src', 'domain', 'duration.ts') },
    );
    expect(result.messages).toContainEqual(
      expect.objectContaining({
        ruleId: 'no-restricted-imports',
        message: expect.stringMatching(/node:crypto/),
      }),
    );
  });

  it('accepts a workflow that only uses the Temporal workflow API', async () => {
    const messages = await lintAsWorkflow(
      "import { sleep } from '@temporalio/workflow';\nexport async function waitADay(): Promise<void> {\n  await sleep('1 day');\n}\n",
    );
    expect(messages).toEqual([]);
  });
});

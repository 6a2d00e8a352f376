// Lint rules. The replay-safe block keeps workflow code deterministic: no Node
// built-ins, no I/O libraries, no timers. It covers workflows/ and src/domain/,
// whose pure rules are bundled into the workflows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.data/', 'drizzle/', 'test-results/', 'dist/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'Workflows and the domain rules they use must be deterministic: no Node built-ins.',
            })),
            ...['postgres', 'drizzle-orm', 'nodemailer', 'mjml', 'pdf-lib', 'fastify', 'uuid', 'crypto'].map(
              (name) => ({
                name,
                message: 'Workflows and domain rules have no side effects: those belong in activities/ and services.',
              }),
            ),
          ],
          patterns: [
            {
              // The bundle cache (src/temporal/bundle.ts) hashes workflows/ and src/domain/ only.
              regex: '(^|/)(src/(?!domain/)|activities/)',
              allowTypeImports: true,
              message: 'Workflows import at run time only from workflows/ and src/domain/ (types from anywhere).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
      ],
    },
  },
);

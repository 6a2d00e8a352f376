// Enrollments run for months, across deploys. Every history in test/histories/
// (recorded by scripts/record-histories.ts from real runs) must replay against
// today's workflow code; a change that would break running enrollments fails
// here unless it is guarded with patched().
import { describe, expect, inject, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';

const HISTORIES = fileURLToPath(new URL('../histories/', import.meta.url));
const CHANGED_WORKFLOW = fileURLToPath(new URL('./changed-workflow.fixture.ts', import.meta.url));

function recordedHistories() {
  return readdirSync(HISTORIES)
    .filter((f) => f.startsWith('enrollment-') && f.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      // The files are the history message's own JSON (scripts/record-histories.ts), which
      // fromObject reads back; historyFromJSON trips over a duplicated protobufjs in this install.
      history: temporal.api.history.v1.History.fromObject(
        JSON.parse(readFileSync(`${HISTORIES}${file}`, 'utf8')),
      ),
    }));
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

describe('recorded enrollment histories', () => {
  it('replay against the current workflow code', async () => {
    const histories = recordedHistories();
    expect(histories.map((h) => h.workflowId)).toEqual([
      'enrollment-completed',
      'enrollment-lapsed',
      'enrollment-withdrawn',
    ]);
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  });

  it('fail against a workflow changed without patched() (so the check above can fail)', async () => {
    const bundle = await bundleWorkflowCode({ workflowsPath: CHANGED_WORKFLOW, logger: quiet });
    const [completed] = recordedHistories();
    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, [completed])) {
      results.push(result);
    }
    expect(results).toHaveLength(1);
    expect(results[0].error?.name).toBe('DeterminismViolationError');
  });
});

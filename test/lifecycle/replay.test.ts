// Enrollments run for months, across deploys. Every history in test/histories/
// (recorded by scripts/record-histories.ts from real runs, v1 and v2) must
// replay against today's workflow code; a change that would break running
// enrollments fails here unless it is guarded with patched().
//
// test/histories/nondeterministic/ holds 17 histories that v1 itself wrote
// nondeterministically (a learner's update and an activity completion in one
// workflow task reached a fresh worker after a crash; the update handler's own
// activity and the main flow's next command came out in another order on
// replay). They cannot replay on any code, v1 included; v2 takes submissions
// as signals, which cannot interleave that way. For each, the test shows the
// way back: the reset point the CLI would pick, from which the history replays.
import { describe, expect, inject, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { findResetPoint, historyBefore } from '../../src/platform/temporal/reset-point.js';
import { payloadDataConverter } from '../../src/platform/temporal/payload-codec.js';

const HISTORIES = fileURLToPath(new URL('../histories/', import.meta.url));
const NONDETERMINISTIC = `${HISTORIES}nondeterministic/`;
const CHANGED_WORKFLOW = fileURLToPath(new URL('./changed-workflow.fixture.ts', import.meta.url));
const CHANGED_REPORTING = fileURLToPath(new URL('./changed-reporting-workflow.fixture.ts', import.meta.url));

function historiesIn(dir: string, prefix: string) {
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      // The files are the history message's own JSON (scripts/record-histories.ts), which
      // fromObject reads back; historyFromJSON trips over a duplicated protobufjs in this install.
      history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(`${dir}${file}`, 'utf8'))),
    }));
}

type History = temporal.api.history.v1.History;
const startPayload = (history: History) =>
  history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];

/** The enrollment input a history was started with (the recorded histories' payloads are clear JSON). */
function startInput(history: History): Record<string, unknown> {
  return JSON.parse(Buffer.from(startPayload(history).data!).toString('utf8'));
}

/** A copy of the history started with another input. */
function withStartInput(history: History, input: Record<string, unknown>): History {
  const copy = temporal.api.history.v1.History.fromObject(temporal.api.history.v1.History.toObject(history));
  startPayload(copy).data = Buffer.from(JSON.stringify(input));
  return copy;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;
const bundle = () => ({ codePath: inject('workflowBundlePath') });

/** Every history with the prefix is listed (so none goes missing unnoticed) and replays on today's code. */
async function expectAllReplay(prefix: string, workflowIds: string[]) {
  const histories = historiesIn(HISTORIES, prefix);
  expect(histories.map((h) => h.workflowId)).toEqual(workflowIds);
  expect(await replayAll(histories)).toEqual(
    workflowIds.map((workflowId) => ({ workflowId, error: undefined })),
  );
}

async function replayAll(
  histories: ReturnType<typeof historiesIn>,
  workflowBundle = bundle(),
  dataConverter?: ReturnType<typeof payloadDataConverter>,
) {
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle, dataConverter }, histories)) {
    results.push({ workflowId: result.workflowId, error: result.error?.message });
  }
  return results;
}

describe('recorded enrollment histories', () => {
  it('replay against the current workflow code, v1 runs and v2 runs alike', async () => {
    await expectAllReplay('enrollment-', [
      'enrollment-completed',
      'enrollment-lapsed',
      'enrollment-v2-abandoned',
      'enrollment-v2-certified-no-follow-up',
      'enrollment-v2-completed',
      'enrollment-v2-failed-competence',
      'enrollment-v2-follow-up-answered-early',
      'enrollment-v2-follow-up-unanswered',
      'enrollment-v2-lapsed',
      'enrollment-v2-unmarked-completed',
      'enrollment-v2-unmarked-follow-up-unanswered',
      'enrollment-v2-withdrawn',
      'enrollment-withdrawn',
    ]);
  });

  it('tell v2 by the input since runs carry workflowVersion: no patch marker, no search-attribute upsert', () => {
    for (const { workflowId, history } of historiesIn(HISTORIES, 'enrollment-v2-')) {
      const types = history.events!.map((e) => temporal.api.enums.v1.EventType[e.eventType as number]);
      const input = startInput(history);
      const marked = workflowId.includes('unmarked') ? 0 : 1;
      expect(input.workflowVersion, workflowId).toBe(marked ? undefined : 2);
      expect(types.filter((t) => t === 'EVENT_TYPE_MARKER_RECORDED'), workflowId).toHaveLength(marked);
      expect(
        types.filter((t) => t === 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'),
        workflowId,
      ).toHaveLength(marked);
    }
  });

  it('replay a run started with workflowVersion whose first task a worker from before recorded the marker in (a rolling deploy)', async () => {
    const histories = historiesIn(HISTORIES, 'enrollment-v2-').filter((h) => !h.workflowId.includes('unmarked'));
    const started = histories.map(({ workflowId, history }) => ({
      workflowId,
      history: withStartInput(history, { ...startInput(history), workflowVersion: 2 }),
    }));
    expect(started.map(({ history }) => startInput(history).workflowVersion)).toEqual(histories.map(() => 2));
    expect(await replayAll(started)).toEqual(
      histories.map(({ workflowId }) => ({ workflowId, error: undefined })),
    );
  });

  it('replay on a worker with payload encryption switched on (their clear payloads pass through the codec)', async () => {
    const histories = historiesIn(HISTORIES, 'enrollment-');
    const encrypting = payloadDataConverter({
      TEMPORAL_PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    expect(encrypting).toBeDefined();
    expect(await replayAll(histories, bundle(), encrypting)).toEqual(
      histories.map((h) => ({ workflowId: h.workflowId, error: undefined })),
    );
  });

  it('fail against a workflow changed without patched() (so the check above can fail)', async () => {
    const changed = await bundleWorkflowCode({ workflowsPath: CHANGED_WORKFLOW, logger: quiet });
    const [completed] = historiesIn(HISTORIES, 'enrollment-completed');
    const results = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: changed }, [completed])) {
      results.push(result);
    }
    expect(results).toHaveLength(1);
    expect(results[0].error?.name).toBe('DeterminismViolationError');
  });
});

describe('recorded credential maintenance histories', () => {
  it('replay against the current workflow code: reminders met, opted out, and the sweep', async () => {
    const histories = [
      ...historiesIn(HISTORIES, 'credential-reminders-'),
      ...historiesIn(HISTORIES, 'credential-sweep'),
    ];
    expect(histories.map((h) => h.workflowId)).toEqual([
      'credential-reminders-met',
      'credential-reminders-opted-out',
      'credential-sweep',
    ]);
    expect(await replayAll(histories)).toEqual(
      histories.map((h) => ({ workflowId: h.workflowId, error: undefined })),
    );
  });
});

describe('recorded reporting histories', () => {
  it('replay against the current workflow code, one per path of a submission', async () => {
    await expectAllReplay('reporting-', [
      'reporting-accepted',
      'reporting-corrected',
      'reporting-file-confirmed',
      'reporting-late',
    ]);
  });

  it('fail, every one, against a reporting workflow whose commands changed without patched()', async () => {
    const changed = await bundleWorkflowCode({ workflowsPath: CHANGED_REPORTING, logger: quiet });
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: changed },
      historiesIn(HISTORIES, 'reporting-'),
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.name });
    }
    expect(results).toEqual(
      ['accepted', 'corrected', 'file-confirmed', 'late'].map((path) => ({
        workflowId: `reporting-${path}`,
        error: 'DeterminismViolationError',
      })),
    );
  });
});

describe('the 17 histories v1 wrote nondeterministically after worker crashes', () => {
  const broken = historiesIn(NONDETERMINISTIC, 'v1-update-race-');

  it('do not replay: the commands of one workflow task come out in another order', async () => {
    expect(broken).toHaveLength(17);
    for (const result of await replayAll(broken)) expect(result.error).toMatch(/TMPRL1100/);
  });

  it('each replays up to the task that went wrong: a reset there brings the enrollment back', async () => {
    for (const { workflowId, history } of broken) {
      const point = await findResetPoint(history, bundle(), workflowId);
      expect(point, workflowId).toBeDefined();
      const at = history.events!.find((e) => Number(e.eventId) === point!.workflowTaskFinishEventId)!;
      expect(temporal.api.enums.v1.EventType[at.eventType as number] ?? at.eventType).toBe(
        'EVENT_TYPE_WORKFLOW_TASK_COMPLETED',
      );
      expect(point!.reason).toMatch(/no longer replays/);
      // What the reset keeps replays on the current code; the task is then run again.
      const kept = historyBefore(history, point!.workflowTaskFinishEventId);
      await expect(
        Worker.runReplayHistory({ workflowBundle: bundle() }, kept, workflowId),
      ).resolves.toBeUndefined();
    }
  });
});

// Reading a process's resident memory fairly: once it has finished its work
// (its CPU time stops growing), over several samples a second apart, so one
// reading taken mid-task or just before a garbage collection does not decide.
import type { BenchProcess } from './processes.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RssReading {
  /** Median of the samples, MB. */
  medianMb: number;
  maxMb: number;
  samples: number;
}

/**
 * Waits until the process has used under `busyShare` of one core for
 * `quietSeconds` in a row (its last workflow tasks and the mail it queued
 * are done), at most `timeoutMs`; returns how long it waited.
 */
export async function untilQuiet(
  proc: BenchProcess,
  opts: { quietSeconds?: number; busyShare?: number; timeoutMs?: number } = {},
): Promise<number> {
  const { quietSeconds = 3, busyShare = 0.05, timeoutMs = 120_000 } = opts;
  const started = Date.now();
  let quiet = 0;
  let cpu = proc.cpuMs();
  while (quiet < quietSeconds && Date.now() - started < timeoutMs) {
    await sleep(1000);
    const now = proc.cpuMs();
    quiet = now - cpu < 1000 * busyShare ? quiet + 1 : 0;
    cpu = now;
  }
  return Date.now() - started;
}

/** `samples` RSS readings one second apart. */
export async function readRss(proc: BenchProcess, samples = 5): Promise<RssReading> {
  const mbs: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(1000);
    mbs.push(proc.rssMb());
  }
  mbs.sort((a, b) => a - b);
  return { medianMb: mbs[Math.floor(mbs.length / 2)], maxMb: mbs[mbs.length - 1], samples };
}

/** One `memory-probe` line (bench/memory-probe.mjs), MB. */
interface ProbeLine {
  thread: string | number;
  heapUsed: number;
  physical: number;
  external: number;
  arrayBuffers?: number;
}

/**
 * Where the RSS is, from the last probe line of each thread in the worker's
 * output (empty without BENCH_WORKER_NODE_ARGS="--import ./bench/memory-probe.mjs"):
 * each isolate's V8 heap in use / resident, and what is left of the RSS
 * (Core's Rust side, code, malloc arenas, buffers).
 */
export function describeProbe(output: string, rssMb: number): string {
  const last = new Map<string, ProbeLine>();
  for (const [, json] of output.matchAll(/^memory-probe (\{.*\})$/gm)) {
    const line = JSON.parse(json) as ProbeLine;
    last.set(String(line.thread), line);
  }
  if (!last.size) return '';
  const isolates = [...last.values()];
  const inHeaps = isolates.reduce((sum, l) => sum + l.physical, 0);
  const parts = isolates.map(
    (l) =>
      `${l.thread === 'main' ? 'main' : `thread ${l.thread}`} ${l.heapUsed.toFixed(0)}/${l.physical.toFixed(0)} MB (external ${l.external.toFixed(0)}${l.arrayBuffers === undefined ? '' : `, array buffers ${l.arrayBuffers.toFixed(0)}`})`,
  );
  return `V8 used/resident: ${parts.join(', ')}; outside the V8 heaps ${(rssMb - inHeaps).toFixed(0)} MB`;
}

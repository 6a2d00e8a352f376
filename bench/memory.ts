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

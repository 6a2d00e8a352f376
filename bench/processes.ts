// Child processes of the bench (the production worker entry, the bare
// baseline's worker), with what the bench reads of them: resident memory and
// CPU time, from /proc (Linux; elsewhere `ps`).
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BenchProcess {
  child: ChildProcess;
  output(): string;
  /** Resident set size, MB. */
  rssMb(): number;
  /** User + system CPU time so far, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100;

function procStat(pid: number): { rssMb: number; cpuMs: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    // utime and stime are fields 14 and 15, counted after the command name in parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: rssKb / 1024, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    const [rss, time] = execFileSync('ps', ['-o', 'rss=,time=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    const [h, m, s] = time.split(':').map(Number);
    return { rssMb: Number(rss) / 1024, cpuMs: ((h * 60 + m) * 60 + s) * 1000 };
  }
}

/**
 * Starts `node --import tsx <entry>` and waits for `ready` on its stdout.
 * `ipc` opens a message channel (the bare worker reports its steps on it).
 */
export async function startBenchProcess(
  entry: string,
  env: Record<string, string>,
  ready: string,
  opts: { ipc?: boolean; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<BenchProcess> {
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(opts.ipc ? (['ipc'] as const) : [])],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${entry}: not ready in time:\n${out}`)),
      opts.timeoutMs ?? 120_000,
    );
    const check = () => {
      if (out.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}):\n${out}`));
    });
  });
  return {
    child,
    output: () => out,
    rssMb: () => procStat(child.pid!).rssMb,
    cpuMs: () => procStat(child.pid!).cpuMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

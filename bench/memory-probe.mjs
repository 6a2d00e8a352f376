// Where a bench worker's memory is, for `npm run bench` only:
//   BENCH_WORKER_NODE_ARGS="--import ./bench/memory-probe.mjs"
// Every 2 s the process's main isolate and each worker thread it starts (the
// SDK's workflow thread: an isolate of its own) print one `memory-probe {…}`
// line of V8 figures; the bench shows the last ones beside the RSS
// (bench/memory.ts). With --expose-gc too, each isolate collects its garbage
// before reading: what is live, apart from what V8 has not collected yet.
// Plain JavaScript: it loads before tsx does.
/* global process, console, setInterval, URL */
import v8 from 'node:v8';
import workerThreads from 'node:worker_threads';
import { createRequire } from 'node:module';

const EVERY_MS = 2000;
const MB = 1024 * 1024;

function reading() {
  globalThis.gc?.();
  const h = v8.getHeapStatistics();
  const line = {
    thread: workerThreads.isMainThread ? 'main' : workerThreads.threadId,
    heapUsed: h.used_heap_size / MB,
    // Everything V8 holds resident for this isolate's heap.
    physical: h.total_physical_size / MB,
    malloced: h.malloced_memory / MB,
    external: h.external_memory / MB,
  };
  if (!workerThreads.isMainThread) return line;
  const m = process.memoryUsage();
  return { ...line, rss: m.rss / MB, external: m.external / MB, arrayBuffers: m.arrayBuffers / MB };
}
setInterval(() => console.log(`memory-probe ${JSON.stringify(reading())}`), EVERY_MS).unref();

if (workerThreads.isMainThread) {
  // The SDK starts its workflow threads with `new worker_threads.Worker(file)`,
  // read from the module object at call time: each starts with this probe.
  const probe = JSON.stringify(new URL(import.meta.url).href);
  class ProbedWorker extends workerThreads.Worker {
    constructor(file, options = {}) {
      const wrap = !options.eval && typeof file === 'string';
      const code = `import(${probe}); require(${JSON.stringify(file)});`;
      super(wrap ? code : file, wrap ? { ...options, eval: true } : options);
    }
  }
  workerThreads.Worker = ProbedWorker;
  createRequire(import.meta.url)('node:worker_threads').Worker = ProbedWorker;
}

// How the worker process is launched, wherever it runs: `npm run worker`
// (package.json), the Docker image and docker-compose.yml, and the bench's
// worker (bench/stack.ts), which measures exactly this. Sized with
// `npm run bench` (README "Bench figures: worker memory").
// test/foundation/compose.test.ts keeps the three launch places in step.
// `npm start` is not one of them: its one process also holds the API and,
// without DATABASE_URL, PGlite, which the worker's heap cap was not sized for.

/**
 * V8's young generation kept small (1 MB semi-spaces, not 16): every isolate
 * of the process (the activities' and the workflow thread's) otherwise grows
 * it to tens of MB that a worker's short-lived garbage never needs.
 *
 * Each isolate's old generation capped at 512 MB (V8's default here is a few
 * GB). V8 lets a heap grow to up to 4x what was live after its last full
 * collection when the cap is large, and to about 1.4x with this one: the
 * workflow thread's evicted workflows (about 30 MB live, cache included)
 * otherwise sat uncollected up to 90 MB in an idle worker, most of the growth
 * from 0 to 1,000 open enrollments (npm run bench with
 * bench/memory-probe.mjs). Both isolates live under 100 MB; the SDK's own
 * rule (600 cached workflows per GB above 200 MB) allows about 180 cached at
 * this cap, so raise it with WORKER_CACHED_WORKFLOWS past that.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=512'] as const;

/**
 * glibc gives each thread that allocates its own malloc arena (up to 8 per
 * core); the worker's Rust core, libuv and workflow threads then hold memory
 * in many half-empty arenas. Two are enough for a Node process.
 */
export const WORKER_LAUNCH_ENV = { MALLOC_ARENA_MAX: '2' } as const;

// How the worker process is launched, wherever it runs: `npm run worker`
// (package.json), the Docker image and docker-compose.yml, and the bench's
// worker (bench/stack.ts), which measures exactly this. Sized with
// `npm run bench` (README "Bench figures"): with none and 5,000 enrollments
// open, these cut the worker's resident memory by about a fifth.
// test/foundation/compose.test.ts keeps the three launch places in step.

/**
 * V8's young generation kept small (1 MB semi-spaces, not 16): every isolate
 * of the process (the activities' and the workflow thread's) otherwise grows
 * it to tens of MB that a worker's short-lived garbage never needs.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=1'] as const;

/**
 * glibc gives each thread that allocates its own malloc arena (up to 8 per
 * core); the worker's Rust core, libuv and workflow threads then hold memory
 * in many half-empty arenas. Two are enough for a Node process.
 */
export const WORKER_LAUNCH_ENV = { MALLOC_ARENA_MAX: '2' } as const;

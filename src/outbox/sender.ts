// The loop that delivers queued email, run by every worker process: due rows
// in batches at the speed of the pooled SMTP transport, and now and then the
// sweep that marks rows a dead sender left "sending" as unconfirmed.
import { deliverDue, markAbandonedSends, type OutboxDeps } from './outbox.js';
import { nextDueAt } from './scheduled.js';

export interface OutboxSender {
  /** Look now instead of at the next tick (after queueing mail in this process). */
  wake(): void;
  stop(): Promise<void>;
}

export interface OutboxSenderOptions {
  /** How often to look for due mail when there is none. */
  idleMs?: number;
  /** Rows taken at a time; the mailer's pool bounds the concurrent connections. */
  batch?: number;
  sweepEveryMs?: number;
  /** A row "sending" this long was left by a dead sender (see SENDING_TIMEOUT_MS). */
  unconfirmedAfterMs?: number;
  onError?: (err: unknown) => void;
  /** Subscribes to the database's notification of queued mail (see OUTBOX_CHANNEL): the sender wakes at once. */
  listen?: (onNotify: () => void) => Promise<() => Promise<void>>;
}

export function startOutboxSender(deps: OutboxDeps, opts: OutboxSenderOptions = {}): OutboxSender {
  const { idleMs = 250, batch = 25, sweepEveryMs = 30_000, unconfirmedAfterMs, onError = () => {} } = opts;
  let stopped = false;
  /** Mail was queued since the last look: do not nap. */
  let woken = false;
  let wakeUp: () => void = () => {};
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    let lastSweep = 0;
    while (!stopped) {
      woken = false;
      let delivered = 0;
      let napMs = idleMs;
      try {
        if (Date.now() - lastSweep >= Math.min(sweepEveryMs, unconfirmedAfterMs ?? sweepEveryMs)) {
          lastSweep = Date.now();
          await markAbandonedSends(deps.db, unconfirmedAfterMs);
        }
        delivered = await deliverDue(deps, batch);
        if (delivered < batch) napMs = untilNextDue(await nextDueAt(deps.db), delivered > 0, idleMs);
      } catch (err) {
        onError(err);
      }
      // A full batch: more may be due at once.
      if (delivered < batch) await nap(napMs);
    }
  };
  const wake = () => {
    woken = true;
    wakeUp();
  };
  const unlisten = opts.listen?.(wake).catch((err: unknown) => {
    // Without notifications the sender still looks every idleMs.
    onError(err);
    return undefined;
  });
  const running = loop();
  return {
    wake,
    async stop() {
      stopped = true;
      wakeUp();
      await running;
      await (
        await unlisten
      )?.();
    },
  };
}

/**
 * How long to nap: until the next row falls due (a scheduled row, a retry)
 * if before the next idle look; not at all if rows are due still and this
 * look delivered some (another sender took the rest of its batch).
 */
function untilNextDue(next: Date | undefined, deliveredSome: boolean, idleMs: number): number {
  if (!next) return idleMs;
  const wait = next.getTime() - Date.now();
  if (wait <= 0) return deliveredSome ? 0 : idleMs;
  return Math.min(idleMs, wait);
}

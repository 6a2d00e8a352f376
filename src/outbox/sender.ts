// The loop that delivers queued email, run by the process type OUTBOX_SENDER
// names: due rows at the speed of the pooled SMTP transport, and now and then
// the sweep that marks rows a dead sender left "sending" as unconfirmed.
//
// A window of emails stays in flight: when half of it has gone, the next due
// rows are taken, while the rest are still in their exchanges, so the
// mailer's pool never waits for the slowest email of a batch, and emails that
// ended together are marked sent in one statement (sent-marks.ts).
import { claimDue, deliverClaimed, markAbandonedSends, type OutboxDeps } from './outbox.js';
import { nextDueAt } from './scheduled.js';
import { sentMarks } from './sent-marks.js';

export interface OutboxSender {
  /** Look now instead of at the next tick (after queueing mail in this process). */
  wake(): void;
  /** Stops taking rows; resolves when the emails in flight have ended. */
  stop(): Promise<void>;
}

export interface OutboxSenderOptions {
  /** How often to look for due mail when there is none. */
  idleMs?: number;
  /** Emails in flight at most (taken, not yet ended); the mailer's pool bounds the concurrent connections. */
  window?: number;
  sweepEveryMs?: number;
  /** A row "sending" this long was left by a dead sender (see SENDING_TIMEOUT_MS). */
  unconfirmedAfterMs?: number;
  onError?: (err: unknown) => void;
  /** Subscribes to the database's notification of queued mail (see OUTBOX_CHANNEL): the sender wakes at once. */
  listen?: (onNotify: () => void) => Promise<() => Promise<void>>;
}

export function startOutboxSender(deps: OutboxDeps, opts: OutboxSenderOptions = {}): OutboxSender {
  const { idleMs = 250, window = 50, sweepEveryMs = 30_000, unconfirmedAfterMs, onError = () => {} } = opts;
  const marks = sentMarks(deps.db);
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  /** Mail was queued (or room made in the window) since the last look: do not nap. */
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
  const wake = () => {
    woken = true;
    wakeUp();
  };
  const refillAt = Math.max(1, Math.floor(window / 2));

  const loop = async () => {
    let lastSweep = 0;
    while (!stopped) {
      woken = false;
      let napMs = idleMs;
      try {
        if (Date.now() - lastSweep >= Math.min(sweepEveryMs, unconfirmedAfterMs ?? sweepEveryMs)) {
          lastSweep = Date.now();
          await markAbandonedSends(deps.db, unconfirmedAfterMs);
        }
        const room = window - inFlight.size;
        const taken = room > 0 ? await claimDue(deps, room) : [];
        for (const email of taken) {
          const ended = deliverClaimed(deps, email, marks)
            .catch(onError)
            .finally(() => {
              inFlight.delete(ended);
              // Half the window free: take the next rows.
              if (inFlight.size === window - refillAt) wake();
            });
          inFlight.add(ended);
        }
        // The window is full and more may be due: the nap ends when half of it has gone.
        if (taken.length < room) napMs = untilNextDue(await nextDueAt(deps.db), taken.length > 0, idleMs);
      } catch (err) {
        onError(err);
      }
      if (napMs > 0) await nap(napMs);
    }
    await Promise.all(inFlight);
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
 * look delivered some (another sender took the rest of what it saw).
 */
function untilNextDue(next: Date | undefined, tookSome: boolean, idleMs: number): number {
  if (!next) return idleMs;
  const wait = next.getTime() - Date.now();
  if (wait <= 0) return tookSome ? 0 : idleMs;
  return Math.min(idleMs, wait);
}

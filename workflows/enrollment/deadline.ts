// One timer per deadline, however many waits share it: a wait on
// `condition(fn)` plus `deadline.passed` adds no timer of its own, so a stage
// that takes several messages costs one timer, not one per message.
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { toMs, type Duration } from '../../src/domain/duration.js';

export class Deadline {
  passed: boolean;
  private readonly scope = new CancellationScope();

  constructor(readonly at: number) {
    const ms = at - Date.now();
    this.passed = ms <= 0;
    if (!this.passed)
      void this.scope
        .run(() => sleep(ms))
        .then(
          () => {
            this.passed = true;
          },
          (err: unknown) => {
            if (!isCancellation(err)) throw err;
          },
        );
  }

  static in(duration: Duration): Deadline {
    return new Deadline(Date.now() + toMs(duration));
  }

  /** Not needed any more: the timer goes, so it does not wake the workflow later for nothing. */
  cancel(): void {
    if (!this.passed) this.scope.cancel();
  }
}

/**
 * The competence check, evaluation and claim share one window from
 * completion, with reminders on the way. One timer runs at a time: for the
 * next reminder, then for the close of the window.
 */
export class SubmissionWindow {
  private readonly reminders: number[];
  private sent = 0;
  private timer: Deadline;

  constructor(
    from: number,
    window: Duration,
    reminders: Duration[],
    readonly closesAt = from + toMs(window),
  ) {
    this.reminders = reminders
      .map((r) => from + toMs(r))
      .filter((t) => t < closesAt)
      .sort((a, b) => a - b);
    this.timer = new Deadline(this.reminders[0] ?? closesAt);
  }

  /** The current timer: a reminder is due, or the window has closed. */
  get wakeup(): Deadline {
    return this.timer;
  }

  /** A reminder is due (rather than the window's close). */
  get reminderDue(): boolean {
    return this.timer.passed && this.sent < this.reminders.length;
  }

  /** Takes the due reminder (its number, from 1) and sets the timer for the next event. */
  takeReminder(): number {
    this.sent += 1;
    this.timer = new Deadline(this.reminders[this.sent] ?? this.closesAt);
    return this.sent;
  }

  close(): void {
    this.timer.cancel();
  }
}

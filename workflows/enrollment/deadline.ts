// One timer per deadline, however many waits share it: a wait on
// `condition(fn)` plus `deadline.passed` adds no timer of its own, so a stage
// that takes several messages costs one timer, not one per message.
import { sleep } from '@temporalio/workflow';
import { toMs, type Duration } from '../../src/domain/duration.js';

export class Deadline {
  passed: boolean;

  constructor(readonly at: number) {
    const ms = at - Date.now();
    this.passed = ms <= 0;
    if (!this.passed)
      void sleep(ms).then(() => {
        this.passed = true;
      });
  }

  static in(duration: Duration): Deadline {
    return new Deadline(Date.now() + toMs(duration));
  }
}

// When an enrollment whose follow-up email was queued ahead wakes to open the
// follow-up stage. The email leaves from the outbox on its moment; the stage
// only records that it did. So each enrollment wakes at its own point in a
// short spread after that moment, rather than every learner of an activity at
// once (200 workflows replaying together slowed the emails' own delivery to
// 5x raw SMTP on one machine), or at once when its learner answers. An email
// cancelled after it was queued (the learner's address changed, the live end
// moved) is queued anew by the step when the run wakes: at most the spread
// late. Pure, so a workflow can use it: the same enrollment, the same point.

/** The longest an enrollment's stage opens after its email left. */
export const FOLLOW_UP_WAKE_SPREAD_MS = 5 * 60_000;

/** FNV-1a over the key's UTF-16 units: a stable, well-spread fraction in [0, 1). */
function fractionOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

/**
 * How long after the email's moment the enrollment wakes: within the spread,
 * and within a tenth of the time until its first reminder (or the close), so a
 * short follow-up window stays in step.
 */
export function followUpWakeOffsetMs(enrollmentId: string, untilFirstNudgeMs: number): number {
  const spread = Math.min(FOLLOW_UP_WAKE_SPREAD_MS, Math.max(0, untilFirstNudgeMs) / 10);
  return Math.floor(fractionOf(enrollmentId) * spread);
}

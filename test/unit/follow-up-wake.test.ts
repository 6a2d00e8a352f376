// Where in the spread after its follow-up's moment an enrollment wakes: its
// own point, the same on every replay, spread evenly so a crowd that fell due
// together does not wake together.
import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_WAKE_SPREAD_MS, followUpWakeOffsetMs } from '../../src/domain/follow-up-wake.js';

const ids = Array.from({ length: 2000 }, (_, i) => `3f2a${i.toString(16).padStart(4, '0')}-enrollment`);
const HOUR = 3_600_000;

describe("an enrollment's wake after its follow-up's moment", () => {
  it('is the same point every time for the same enrollment', () => {
    expect(followUpWakeOffsetMs('e-42', 30 * 24 * HOUR)).toBe(followUpWakeOffsetMs('e-42', 30 * 24 * HOUR));
  });

  it('falls within five minutes, spread evenly over them for a crowd', () => {
    expect(FOLLOW_UP_WAKE_SPREAD_MS).toBe(300_000);
    const offsets = ids.map((id) => followUpWakeOffsetMs(id, 14 * 24 * HOUR));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(300_000);
    // Ten 30-second bands of 2,000 enrollments: each holds about 200.
    const bands = Array.from({ length: 10 }, () => 0);
    for (const o of offsets) bands[Math.floor(o / 30_000)] += 1;
    for (const n of bands) expect(n).toBeGreaterThan(150);
    // Not bunched on a few seconds: nearly every one of the 300 has someone.
    const seconds = new Set(offsets.map((o) => Math.floor(o / 1000)));
    expect(seconds.size).toBeGreaterThan(280);
  });

  it('within a tenth of the time until the first reminder or the close, when that is short', () => {
    const offsets = ids.map((id) => followUpWakeOffsetMs(id, 120_000));
    expect(Math.max(...offsets)).toBeLessThan(12_000);
    expect(Math.max(...offsets)).toBeGreaterThan(11_000);
    expect(followUpWakeOffsetMs('e-42', 0)).toBe(0);
    expect(followUpWakeOffsetMs('e-42', -5)).toBe(0);
  });
});

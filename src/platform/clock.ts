// The time, given to whatever needs it so tests can set it.
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

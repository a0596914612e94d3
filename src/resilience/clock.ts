/**
 * The time source of cooldowns, as an abstract class so it doubles as the injection token and
 * tests can move time without sleeping.
 */
export abstract class Clock {
  /** Milliseconds since the Unix epoch. */
  abstract now(): number;
}

/**
 * Randomness for the selectors, as an abstract class so it doubles as the injection token and
 * tests can make draws deterministic.
 */
export abstract class Random {
  /** A number in [0, 1). */
  abstract next(): number;
}

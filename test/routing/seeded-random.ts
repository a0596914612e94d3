import { Random } from '../../src/routing/random';

/** mulberry32: a tiny deterministic PRNG so statistical tests give the same draws every run. */
export class SeededRandom extends Random {
  constructor(private state: number) {
    super();
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let value = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }
}

/** Returns the given values in turn (then repeats the last): for "this draw explores" tests. */
export class ScriptedRandom extends Random {
  private index = 0;

  constructor(private readonly values: number[]) {
    super();
  }

  next(): number {
    const value = this.values[Math.min(this.index, this.values.length - 1)];
    this.index++;
    return value;
  }
}

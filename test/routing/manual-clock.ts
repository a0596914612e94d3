import { Clock } from '../../src/resilience/clock';

export class ManualClock extends Clock {
  constructor(private current = Date.parse('2026-01-01T00:00:00Z')) {
    super();
  }

  now(): number {
    return this.current;
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

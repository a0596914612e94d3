import { Injectable } from '@nestjs/common';

/** The current time, injectable so jobs that depend on the date (retention) can be tested. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

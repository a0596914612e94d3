import { Injectable } from '@nestjs/common';
import { Random } from './random';

@Injectable()
export class MathRandom extends Random {
  next(): number {
    return Math.random();
  }
}

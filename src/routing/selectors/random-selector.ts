import { Injectable } from '@nestjs/common';
import { orderByWeightedDraw } from '../order-by-weighted-draw';
import { Random } from '../random';
import type { RouteCandidate } from '../route-plan';
import { TargetSelector } from '../target-selector';

/** Spreads traffic by `weight`; the rest of the draw is the failover order. */
@Injectable()
export class RandomSelector extends TargetSelector {
  readonly name = 'random' as const;

  constructor(private readonly random: Random) {
    super();
  }

  order(candidates: readonly RouteCandidate[]): RouteCandidate[] {
    return orderByWeightedDraw(candidates, () => this.random.next());
  }
}

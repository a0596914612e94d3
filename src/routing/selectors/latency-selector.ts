import { Injectable } from '@nestjs/common';
import { rankByObservedMetric } from '../rank-by-observed-metric';
import { Random } from '../random';
import type { RouteCandidate } from '../route-plan';
import { StatsService } from '../stats.service';
import { TargetSelector } from '../target-selector';

/** Lowest recent time to first token first (StatsService median), exploring unmeasured targets. */
@Injectable()
export class LatencySelector extends TargetSelector {
  readonly name = 'latency' as const;

  constructor(
    private readonly stats: StatsService,
    private readonly random: Random,
  ) {
    super();
  }

  order(candidates: readonly RouteCandidate[]): RouteCandidate[] {
    return rankByObservedMetric(
      candidates,
      (candidate) => {
        const metrics = this.stats.metrics(candidate.provider.name, candidate.model);
        return { value: metrics?.ttftMs ?? null, failing: (metrics?.consecutiveFailures ?? 0) > 0 };
      },
      'lower',
      () => this.random.next(),
    );
  }
}

import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ResilienceModule } from '../resilience/resilience.module';
import { MathRandom } from './math-random';
import { Random } from './random';
import { RoutingService } from './routing.service';
import { CostSelector } from './selectors/cost-selector';
import { InOrderSelector } from './selectors/in-order-selector';
import { LatencySelector } from './selectors/latency-selector';
import { PerformanceSelector } from './selectors/performance-selector';
import { RandomSelector } from './selectors/random-selector';
import { StatsService } from './stats.service';
import { TARGET_SELECTORS, type TargetSelector } from './target-selector';

const SELECTORS = [RandomSelector, InOrderSelector, CostSelector, LatencySelector, PerformanceSelector];

/**
 * Candidate filtering and the selectors. ConfigService, EventBusService and PriceEstimator come
 * from global modules (config, events, pricing).
 */
@Module({
  imports: [ModelsModule, ResilienceModule],
  providers: [
    { provide: Random, useClass: MathRandom },
    StatsService,
    ...SELECTORS,
    { provide: TARGET_SELECTORS, useFactory: (...selectors: TargetSelector[]) => selectors, inject: SELECTORS },
    RoutingService,
  ],
  exports: [RoutingService, StatsService],
})
export class RoutingModule {}

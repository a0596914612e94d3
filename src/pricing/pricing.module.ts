import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { OpenRouterPriceService } from './openrouter-price.service';
import { PriceEstimator } from './price-estimator';
import { PricingService } from './pricing.service';

/**
 * Prices usage. ConfigService and EventBusService come from global modules. ScheduleModule is
 * imported for the SchedulerRegistry; Nest de-duplicates it with the app's own forRoot().
 */
@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [OpenRouterPriceService, PricingService, { provide: PriceEstimator, useExisting: PricingService }],
  exports: [PricingService, OpenRouterPriceService, PriceEstimator],
})
export class PricingModule {}

import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ConfigService } from '../config/config.service';
import { EventRedactor } from '../events/event-redactor';
import { EventStreamService } from '../events/event-stream.service';
import { LoggingModule } from '../logging/logging.module';
import { SecretMasker } from '../logging/secret-masker';
import { ModelsModule } from '../models/models.module';
import { PricingModule } from '../pricing/pricing.module';
import { ResilienceModule } from '../resilience/resilience.module';
import { RoutingModule } from '../routing/routing.module';
import { adminThrottlerOptions } from './auth/admin-throttler-options';
import { AdminModelsController } from './catalog/admin-models.controller';
import { AdminProvidersController } from './catalog/admin-providers.controller';
import { CatalogOverviewService } from './catalog/catalog-overview.service';
import { AdminConfigController } from './config/admin-config.controller';
import { AdminCooldownsController } from './cooldowns/admin-cooldowns.controller';
import { AdminDebugController } from './debug/admin-debug.controller';
import { AdminEventsController } from './events/admin-events.controller';
import { AdminHealthController } from './health/admin-health.controller';
import { AdminErrorsController } from './logs/admin-errors.controller';
import { AdminUsageController } from './logs/admin-usage.controller';
import { AdminPricingController } from './pricing/admin-pricing.controller';

/**
 * The `/v0` management API and its live event stream. Guards, pipes and throttling are bound per
 * controller (AdminController), never globally, so the proxy routes stay free of them. Event
 * frames are masked with the same SecretMasker as the logs.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({ inject: [ConfigService], useFactory: adminThrottlerOptions }),
    LoggingModule,
    ModelsModule,
    PricingModule,
    ResilienceModule,
    RoutingModule,
  ],
  controllers: [
    AdminConfigController,
    AdminProvidersController,
    AdminModelsController,
    AdminCooldownsController,
    AdminHealthController,
    AdminUsageController,
    AdminErrorsController,
    AdminDebugController,
    AdminPricingController,
    AdminEventsController,
  ],
  providers: [
    CatalogOverviewService,
    { provide: EventRedactor, inject: [SecretMasker], useFactory: (masker: SecretMasker): EventRedactor => ({ redact: (text) => masker.maskText(text) }) },
    EventStreamService,
  ],
})
export class AdminModule {}

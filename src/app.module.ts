import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module';
import { ConfigModule } from './config/config.module';
import type { ConfigService } from './config/config.service';
import { EventsModule } from './events/events.module';
import { LoggingModule } from './logging/logging.module';
import { ModelsModule } from './models/models.module';
import { PricingModule } from './pricing/pricing.module';
import { HttpErrorFilter } from './proxy/http-error.filter';
import { ProxyModule } from './proxy/proxy.module';
import { ResilienceModule } from './resilience/resilience.module';
import { RoutingModule } from './routing/routing.module';

@Module({})
export class AppModule {
  static forRoot(configService: ConfigService): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(configService),
        EventsModule,
        ScheduleModule.forRoot(),
        PricingModule,
        LoggingModule,
        ResilienceModule,
        ModelsModule,
        RoutingModule,
        ProxyModule,
        AdminModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}

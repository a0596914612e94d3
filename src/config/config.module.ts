import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from './config.service';

/**
 * Provides the one ConfigService to every module. The service is built before Nest starts
 * (bootstrap loads the file first, so a bad config exits before anything listens).
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(configService: ConfigService): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: ConfigService, useValue: configService }],
      exports: [ConfigService],
    };
  }
}

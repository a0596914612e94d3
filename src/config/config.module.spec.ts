import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { configYaml, load } from '../../test/config/support/config-text';
import { ConfigModule } from './config.module';
import { ConfigService } from './config.service';

@Injectable()
class ReadsConfig {
  constructor(readonly configService: ConfigService) {}
}

@Module({ providers: [ReadsConfig] })
class FeatureModule {}

describe('ConfigModule', () => {
  it('gives every module the one ConfigService it was built with', async () => {
    const configService = new ConfigService(load(configYaml()));
    @Module({ imports: [ConfigModule.forRoot(configService), FeatureModule] })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false });
    try {
      expect(app.get(ReadsConfig).configService).toBe(configService);
      expect(app.get(ConfigService).config.models[0].alias).toBe('fast');
    } finally {
      await app.close();
    }
  });
});

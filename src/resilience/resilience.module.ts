import { Module } from '@nestjs/common';
import { Clock } from './clock';
import { CooldownStore } from './cooldown-store';
import { CooldownService } from './cooldown.service';
import { FileCooldownStore } from './file-cooldown-store';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { SystemClock } from './system-clock';

/** Failure classification, cooldowns and health. ConfigService and EventBusService come from global modules. */
@Module({
  controllers: [HealthController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: CooldownStore, useClass: FileCooldownStore },
    CooldownService,
    HealthService,
  ],
  exports: [CooldownService, HealthService, Clock],
})
export class ResilienceModule {}

import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import { EventBusService } from './event-bus.service';

/** The `config.reloaded` payload: where the config came from and when; never the config itself. */
export interface ConfigReloadedEvent {
  path: string;
  loadedAt: string;
}

/** Publishes `config.reloaded` whenever a new config is applied (admin API or file edit). */
@Injectable()
export class ConfigReloadPublisher implements OnModuleDestroy {
  private readonly unsubscribe: () => void;

  constructor(configService: ConfigService, eventBus: EventBusService) {
    this.unsubscribe = configService.onChange((snapshot) => {
      const payload: ConfigReloadedEvent = { path: snapshot.path, loadedAt: snapshot.loadedAt.toISOString() };
      eventBus.publish('config.reloaded', payload);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}

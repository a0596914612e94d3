import { Global, Module } from '@nestjs/common';
import { ConfigReloadPublisher } from './config-reload-publisher';
import { EventBusService } from './event-bus.service';

/**
 * The process-wide event bus, global so any module can publish. The SSE hub (EventStreamService)
 * is provided by the admin module, which guards `/v0/events` and binds the EventRedactor.
 */
@Global()
@Module({ providers: [EventBusService, ConfigReloadPublisher], exports: [EventBusService] })
export class EventsModule {}

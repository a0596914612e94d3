import { Module } from '@nestjs/common';
import { LoggingModule } from '../logging/logging.module';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { ResilienceModule } from '../resilience/resilience.module';
import { RoutingModule } from '../routing/routing.module';
import { AnthropicMessagesController } from './anthropic-messages.controller';
import { AttemptRunner } from './attempt-runner';
import { ClientAuthService } from './client-auth.service';
import { GeminiController } from './gemini.controller';
import { OpenAiChatController } from './openai-chat.controller';
import { OpenAiModelsController } from './openai-models.controller';
import { ProxyService } from './proxy.service';
import { RequestRecorderService } from './request-recorder.service';

@Module({
  imports: [ProvidersModule, ModelsModule, RoutingModule, ResilienceModule, LoggingModule],
  controllers: [OpenAiChatController, OpenAiModelsController, AnthropicMessagesController, GeminiController],
  providers: [ProxyService, AttemptRunner, ClientAuthService, RequestRecorderService],
  exports: [ClientAuthService],
})
export class ProxyModule {}

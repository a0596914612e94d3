import { Module } from '@nestjs/common';
import { UpstreamClientService } from './upstream-client.service';

@Module({ providers: [UpstreamClientService], exports: [UpstreamClientService] })
export class ProvidersModule {}

import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../shared/admin-controller.decorator';
import { CatalogOverviewService } from './catalog-overview.service';
import { ProviderOverviewDto } from './provider-overview.dto';

@AdminController('providers', 'admin: routing')
export class AdminProvidersController {
  constructor(private readonly overview: CatalogOverviewService) {}

  @Get()
  @ApiOperation({ summary: 'Every provider: enabled, API types, models, key set or not, health, cooldowns, latency and throughput' })
  @ApiOkResponse({ type: [ProviderOverviewDto] })
  list(): ProviderOverviewDto[] {
    return this.overview.providers();
  }
}

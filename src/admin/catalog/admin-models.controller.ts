import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AdminController } from '../shared/admin-controller.decorator';
import { CatalogOverviewService } from './catalog-overview.service';
import { ModelOverviewDto } from './model-overview.dto';

@AdminController('models', 'admin: routing')
export class AdminModelsController {
  constructor(private readonly overview: CatalogOverviewService) {}

  @Get()
  @ApiOperation({ summary: 'Every alias with its selector and targets, and whether each target is available now (and why not)' })
  @ApiOkResponse({ type: [ModelOverviewDto] })
  list(): ModelOverviewDto[] {
    return this.overview.models();
  }
}

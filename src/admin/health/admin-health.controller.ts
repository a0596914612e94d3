import { Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { RecordSink } from '../../logging/record-sink';
import { HealthService } from '../../resilience/health.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { HealthDetailDto } from './health-detail.dto';

@AdminController('health', 'admin: routing')
export class AdminHealthController {
  constructor(
    private readonly health: HealthService,
    private readonly sink: RecordSink,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Detailed health',
    description: 'Always 200 (the public GET /health answers 503 when unhealthy): the status, thresholds, each provider and the usage/error log writer.',
  })
  @ApiOkResponse({ type: HealthDetailDto })
  detail(): HealthDetailDto {
    return { ...this.health.detail(), logWriter: this.sink.health() };
  }
}

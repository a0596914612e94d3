import { Body, Get, NotFoundException, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ConfigService } from '../../config/config.service';
import type { DebugTraceDocument } from '../../logging/debug-trace-document';
import { DebugTraceService } from '../../logging/debug-trace.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { DebugStatusDto } from './debug-status.dto';
import { DebugSwitchDto } from './debug-switch.dto';
import { DebugTraceParamsDto } from './debug-trace-params.dto';
import { DebugTraceDto } from './debug-trace.dto';

@AdminController('debug', 'admin: debug traces')
export class AdminDebugController {
  constructor(
    private readonly traces: DebugTraceService,
    private readonly configService: ConfigService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Whether debug capture is on' })
  @ApiOkResponse({ type: DebugStatusDto })
  status(): DebugStatusDto {
    const { captureRequests, captureResponses, retentionDays } = this.configService.config.logging.debug;
    return { enabled: this.traces.enabled, captureRequests, captureResponses, retentionDays };
  }

  @Put()
  @ApiOperation({
    summary: 'Switch debug capture on or off now',
    description: 'Lasts until the next switch, a config change to logging.debug.enabled, or a restart (it is not written to the config file).',
  })
  @ApiOkResponse({ type: DebugStatusDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '`enabled` missing or not a boolean' })
  switch(@Body() body: DebugSwitchDto): DebugStatusDto {
    this.traces.setEnabled(body.enabled);
    return this.status();
  }

  @Get(':requestId')
  @ApiOperation({ summary: "One request's debug trace" })
  @ApiOkResponse({ type: DebugTraceDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No trace for that request id' })
  async trace(@Param() params: DebugTraceParamsDto): Promise<DebugTraceDocument> {
    const trace = await this.traces.read(params.requestId);
    if (!trace) {
      throw new NotFoundException(
        `no debug trace for request "${params.requestId}": capture was off when it ran, or retention removed it (PUT /v0/debug switches capture on)`,
      );
    }
    return trace;
  }
}

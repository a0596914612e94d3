import { Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { ErrorPage } from '../../logging/error-query';
import { ErrorQueryService } from '../../logging/error-query.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { ErrorPageDto } from './error-page.dto';
import { ErrorQueryDto } from './error-query.dto';

@AdminController('errors', 'admin: usage and errors')
export class AdminErrorsController {
  constructor(private readonly errors: ErrorQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Error records (failed requests and failed-over attempts), newest first, filtered and paged' })
  @ApiOkResponse({ type: ErrorPageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  list(@Query() query: ErrorQueryDto): Promise<ErrorPage> {
    return this.errors.query(query);
  }
}

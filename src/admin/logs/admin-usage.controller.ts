import { Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { UsagePage } from '../../logging/usage-query';
import { UsageQueryService } from '../../logging/usage-query.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { sumUsageGroups } from './sum-usage-groups';
import { UsagePageDto } from './usage-page.dto';
import { UsageQueryDto } from './usage-query.dto';
import { UsageSummaryQueryDto } from './usage-summary-query.dto';
import { UsageSummaryDto } from './usage-summary.dto';

@AdminController('usage', 'admin: usage and errors')
export class AdminUsageController {
  constructor(private readonly usage: UsageQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Usage records, newest first, filtered and paged' })
  @ApiOkResponse({ type: UsagePageDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A bad filter, named in the message' })
  list(@Query() query: UsageQueryDto): Promise<UsagePage> {
    return this.usage.query(query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Totals (requests, tokens by kind, cost), optionally grouped by apiKey, alias, provider, model or day' })
  @ApiOkResponse({ type: UsageSummaryDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async summary(@Query() query: UsageSummaryQueryDto): Promise<UsageSummaryDto> {
    const { groupBy, ...filter } = query;
    // Without a grouping the totals still need one pass; day groups are the cheapest to keep.
    const summary = await this.usage.summary({ ...filter, groupBy: groupBy ?? 'day' });
    const totals = sumUsageGroups(summary.groups);
    return groupBy === undefined ? { totals } : { totals, groupBy, groups: summary.groups };
  }
}

import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { UsageGroupBy } from '../../logging/usage-query';
import { UsageQueryDto } from './usage-query.dto';

export const USAGE_GROUP_BY: readonly UsageGroupBy[] = ['apiKey', 'alias', 'provider', 'model', 'day'];

export class UsageSummaryQueryDto extends OmitType(UsageQueryDto, ['limit', 'cursor'] as const) {
  @ApiPropertyOptional({ enum: USAGE_GROUP_BY, description: 'Also break the totals down by this (day = UTC day)', example: 'provider' })
  @IsOptional()
  @IsIn(USAGE_GROUP_BY)
  groupBy?: UsageGroupBy;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TokenUsageDto } from './token-usage.dto';
import { USAGE_GROUP_BY } from './usage-summary-query.dto';

class UsageTotalsDto extends TokenUsageDto {
  @ApiProperty({ example: 42 })
  requests!: number;

  @ApiProperty({ description: 'USD after discounts', example: 0.1234 })
  cost!: number;
}

class UsageGroupDto extends UsageTotalsDto {
  @ApiProperty({ description: 'The group value; "(none)" when the record has none', example: 'openai' })
  key!: string;
}

export class UsageSummaryDto {
  @ApiProperty({ type: UsageTotalsDto })
  totals!: UsageTotalsDto;

  @ApiPropertyOptional({ enum: USAGE_GROUP_BY, description: 'Present when ?groupBy= was given', example: 'provider' })
  groupBy?: string;

  @ApiPropertyOptional({ type: [UsageGroupDto], description: 'Per group: by day oldest first, else by cost, highest first' })
  groups?: UsageGroupDto[];
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import type { UsageStatus } from '../../logging/usage-query';
import { LogPageQueryDto } from './log-page-query.dto';

export const USAGE_STATUSES: readonly UsageStatus[] = ['success', 'error', 'cancelled'];

export class UsageQueryDto extends LogPageQueryDto {
  @ApiPropertyOptional({ example: 'fast' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  alias?: string;

  @ApiPropertyOptional({ enum: USAGE_STATUSES, example: 'success' })
  @IsOptional()
  @IsIn(USAGE_STATUSES)
  status?: UsageStatus;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { MAX_PAGE_LIMIT } from '../../logging/clamp-page-limit';

/** Filters and paging shared by the usage and error logs. */
export class LogPageQueryDto {
  @ApiPropertyOptional({ description: 'Inclusive start, ISO date or time', example: '2025-06-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive end, ISO date or time', example: '2025-06-02T00:00:00Z' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ description: 'The client key name (apiKeys[].name)', example: 'alice' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  apiKey?: string;

  @ApiPropertyOptional({ example: 'openai' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  provider?: string;

  @ApiPropertyOptional({ description: "The provider's model or the model the client asked for", example: 'gpt-4o' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  model?: string;

  @ApiPropertyOptional({ description: `Records per page, 1..${MAX_PAGE_LIMIT}`, default: 100, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page', example: 'WyJ1c2FnZS0yMDI1LTA2LTAxLmpzb25sIiwxMjM0NV0' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cursor?: string;
}

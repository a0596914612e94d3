import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class PriceTierDto {
  @ApiProperty({ example: 200000 })
  maxInputTokens!: number;

  @ApiProperty({ example: 1.25 })
  inputPer1M!: number;

  @ApiProperty({ example: 10 })
  outputPer1M!: number;
}

class EffectivePriceDto {
  @ApiProperty({ example: 'openai' })
  provider!: string;

  @ApiProperty({ example: 'gpt-4o' })
  model!: string;

  @ApiProperty({ enum: ['tiered', 'models', 'openrouter', 'none'], description: 'Where the price comes from; none = unknown, cost 0', example: 'models' })
  source!: string;

  @ApiProperty({ description: 'USD per million uncached input tokens', example: 2.5 })
  inputPer1M!: number;

  @ApiProperty({ example: 10 })
  outputPer1M!: number;

  @ApiPropertyOptional({ description: 'Cache reads (input price when absent)', example: 1.25 })
  cachedPer1M?: number;

  @ApiPropertyOptional({ description: 'Reasoning tokens (output price when absent)' })
  reasoningPer1M?: number;

  @ApiPropertyOptional({ description: 'Cache writes (input price when absent)' })
  cacheWritePer1M?: number;

  @ApiPropertyOptional({ type: [PriceTierDto], description: 'The tiers when source is tiered' })
  tiers?: PriceTierDto[];

  @ApiProperty({ description: 'Multiplier applied to the cost (1 = none)', example: 1 })
  discount!: number;
}

class OpenRouterStatusDto {
  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ enum: ['none', 'disk', 'network'], description: 'Where the prices in memory came from', example: 'network' })
  origin!: string;

  @ApiPropertyOptional({ example: '2025-06-01T11:00:00.000Z' })
  fetchedAt?: string;

  @ApiPropertyOptional({ description: 'Age of the cached price list, seconds', example: 3600 })
  ageSeconds?: number;

  @ApiProperty({ example: 312 })
  modelCount!: number;

  @ApiPropertyOptional({ description: 'The last refresh error, until a refresh succeeds', example: 'https://openrouter.ai/api/v1/models: HTTP 503' })
  lastError?: string;
}

export class PricingOverviewDto {
  @ApiProperty({ type: [EffectivePriceDto], description: 'Every provider model the config can route to' })
  prices!: EffectivePriceDto[];

  @ApiProperty({ type: OpenRouterStatusDto })
  openRouter!: OpenRouterStatusDto;
}

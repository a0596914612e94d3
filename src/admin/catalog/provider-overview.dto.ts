import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CooldownEntryDto } from '../cooldowns/cooldown-entry.dto';

class ProviderAuthDto {
  @ApiProperty({ enum: ['bearer', 'x-api-key'], example: 'bearer' })
  type!: 'bearer' | 'x-api-key';

  @ApiProperty({ description: 'Whether a key is configured (the key itself is never shown)', example: true })
  keySet!: boolean;

  @ApiPropertyOptional({ description: 'The environment variable the key comes from', example: 'OPENAI_API_KEY' })
  keyEnv?: string;
}

class ModelStatsDto {
  @ApiProperty({ example: 'gpt-4o' })
  model!: string;

  @ApiProperty({ description: 'Tries in the sliding window', example: 20 })
  samples!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Median time to first token, ms', example: 412 })
  ttftMs!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Median output tokens per second', example: 85.5 })
  outputTokensPerSecond!: number | null;

  @ApiProperty({ description: 'Failed tries in the window', example: 0 })
  failures!: number;
}

/** One provider as the admin sees it: config without secrets, health, cooldowns, statistics. */
export class ProviderOverviewDto {
  @ApiProperty({ example: 'openai' })
  name!: string;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ type: [String], enum: ['chat', 'messages', 'gemini'], example: ['chat'] })
  apiTypes!: string[];

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { chat: 'https://api.openai.com/v1' } })
  baseUrls!: Record<string, string>;

  @ApiProperty({ type: [String], example: ['gpt-4o', 'gpt-4o-mini'] })
  models!: string[];

  @ApiProperty({ type: ProviderAuthDto })
  auth!: ProviderAuthDto;

  @ApiProperty({ enum: ['healthy', 'unhealthy', 'disabled'], example: 'healthy' })
  state!: 'healthy' | 'unhealthy' | 'disabled';

  @ApiProperty({ type: [CooldownEntryDto] })
  cooldowns!: CooldownEntryDto[];

  @ApiProperty({ type: [ModelStatsDto], description: 'Latency and throughput per model, as the latency and performance selectors see them' })
  stats!: ModelStatsDto[];
}

import { ApiProperty } from '@nestjs/swagger';

/** Token counts by kind; input excludes cache reads and writes, output includes reasoning. */
export class TokenUsageDto {
  @ApiProperty({ description: 'Uncached input tokens', example: 1200 })
  inputTokens!: number;

  @ApiProperty({ example: 800 })
  cacheReadTokens!: number;

  @ApiProperty({ example: 0 })
  cacheWriteTokens!: number;

  @ApiProperty({ description: 'Output tokens, reasoning included', example: 350 })
  outputTokens!: number;

  @ApiProperty({ example: 120 })
  reasoningTokens!: number;
}

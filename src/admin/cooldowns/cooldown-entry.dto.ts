import { ApiProperty } from '@nestjs/swagger';
import { COOLDOWN_ERROR_TYPES, type CooldownErrorType } from '../../config/plexus-config';
import type { CooldownEntry } from '../../resilience/cooldown-entry';

/** One active cooldown (also the payload of `cooldown.started`). */
export class CooldownEntryDto implements CooldownEntry {
  @ApiProperty({ example: 'openai' })
  provider!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null: the whole provider (auth and connection errors)', example: 'gpt-4o' })
  model!: string | null;

  @ApiProperty({ enum: COOLDOWN_ERROR_TYPES, example: 'rate_limit' })
  type!: CooldownErrorType;

  @ApiProperty({ example: '2025-06-01T12:00:00.000Z' })
  startedAt!: string;

  @ApiProperty({ description: 'When the target is usable again', example: '2025-06-01T12:01:00.000Z' })
  until!: string;

  @ApiProperty({ description: 'Seconds left', example: 42 })
  seconds!: number;

  @ApiProperty({ example: 60 })
  durationSeconds!: number;

  @ApiProperty({ example: 1 })
  consecutiveFailures!: number;

  @ApiProperty({ example: 'rate limited by the provider: HTTP 429' })
  reason!: string;
}

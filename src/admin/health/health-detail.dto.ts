import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CooldownEntryDto } from '../cooldowns/cooldown-entry.dto';

class ProviderCountsDto {
  @ApiProperty({ description: 'Enabled providers', example: 3 })
  total!: number;

  @ApiProperty({ example: 2 })
  healthy!: number;

  @ApiProperty({ example: 1 })
  unhealthy!: number;
}

class HealthThresholdsDto {
  @ApiProperty({ description: 'Share of unhealthy providers from which the gateway is degraded', example: 0.5 })
  degradedThreshold!: number;

  @ApiProperty({ description: 'Share of unhealthy providers from which the gateway is unhealthy', example: 0.9 })
  unhealthyThreshold!: number;
}

class ProviderHealthDto {
  @ApiProperty({ example: 'openai' })
  name!: string;

  @ApiProperty({ example: true })
  enabled!: boolean;

  @ApiProperty({ description: 'false when its key variable is unset', example: true })
  hasKey!: boolean;

  @ApiProperty({ enum: ['healthy', 'unhealthy', 'disabled'], example: 'unhealthy' })
  state!: 'healthy' | 'unhealthy' | 'disabled';

  @ApiProperty({ type: [CooldownEntryDto] })
  cooldowns!: CooldownEntryDto[];
}

class LogWriterHealthDto {
  @ApiProperty({ description: 'false while usage/error log writes are failing (lines stay queued and are retried)', example: true })
  ok!: boolean;

  @ApiPropertyOptional({ example: "ENOSPC: no space left on device, write" })
  lastError?: string;

  @ApiPropertyOptional({ description: 'When writes started failing', example: '2025-06-01T12:00:00.000Z' })
  since?: string;

  @ApiProperty({ description: 'Lines waiting in memory', example: 0 })
  queued!: number;

  @ApiProperty({ description: 'Lines dropped because the queue was full while writes failed', example: 0 })
  dropped!: number;
}

/** The detailed health: the public status, why, every provider's state, and the log writer. */
export class HealthDetailDto {
  @ApiProperty({ enum: ['healthy', 'degraded', 'unhealthy'], example: 'degraded' })
  status!: 'healthy' | 'degraded' | 'unhealthy';

  @ApiProperty({ type: ProviderCountsDto })
  counts!: ProviderCountsDto;

  @ApiProperty({ type: HealthThresholdsDto })
  thresholds!: HealthThresholdsDto;

  @ApiProperty({ type: [ProviderHealthDto] })
  providers!: ProviderHealthDto[];

  @ApiProperty({ type: LogWriterHealthDto, description: 'The usage and error log writer' })
  logWriter!: LogWriterHealthDto;
}

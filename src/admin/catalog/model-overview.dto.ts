import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CooldownEntryDto } from '../cooldowns/cooldown-entry.dto';

class TargetAvailabilityDto {
  @ApiProperty({ example: 'openai' })
  provider!: string;

  @ApiProperty({ example: 'gpt-4o' })
  model!: string;

  @ApiProperty({ example: 1 })
  weight!: number;

  @ApiProperty({ description: 'Whether a request could be sent to this target now', example: false })
  available!: boolean;

  @ApiPropertyOptional({ description: 'Why not, when not available', example: 'cooling down until 2025-06-01T12:01:00.000Z (42 s left): rate limited by the provider' })
  reason?: string;

  @ApiPropertyOptional({ type: CooldownEntryDto, description: 'The cooldown keeping it out of routing' })
  cooldown?: CooldownEntryDto;
}

/** One alias with its selector and targets, and which targets could take a request now. */
export class ModelOverviewDto {
  @ApiProperty({ example: 'fast' })
  alias!: string;

  @ApiPropertyOptional({ example: 'Cheap and quick' })
  description?: string;

  @ApiProperty({ type: [String], example: ['gpt-4o'] })
  additionalAliases!: string[];

  @ApiProperty({ enum: ['random', 'in_order', 'cost', 'latency', 'performance'], example: 'in_order' })
  selector!: string;

  @ApiProperty({ example: false })
  apiMatch!: boolean;

  @ApiProperty({ description: 'At least one target is available', example: true })
  available!: boolean;

  @ApiProperty({ type: [TargetAvailabilityDto] })
  targets!: TargetAvailabilityDto[];
}

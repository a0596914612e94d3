import { ApiProperty } from '@nestjs/swagger';
import { CooldownEntryDto } from './cooldown-entry.dto';

export class ClearedCooldownsDto {
  @ApiProperty({ type: [CooldownEntryDto], description: 'The cooldowns ended (each also published as cooldown.ended with cause "cleared")' })
  cleared!: CooldownEntryDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import { CooldownEntryDto } from './cooldown-entry.dto';

export class CooldownListDto {
  @ApiProperty({ type: [CooldownEntryDto], description: 'Active cooldowns, soonest to end first' })
  cooldowns!: CooldownEntryDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class DebugSwitchDto {
  @ApiProperty({ description: 'Capture debug traces of the requests that follow', example: true })
  @IsBoolean()
  enabled!: boolean;
}

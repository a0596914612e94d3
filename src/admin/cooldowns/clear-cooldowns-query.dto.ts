import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString } from 'class-validator';

export class ClearCooldownsQueryDto {
  @ApiPropertyOptional({ description: "Clear only this model's cooldown (a provider-wide cooldown has no model)", example: 'gpt-4o' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  model?: string;
}

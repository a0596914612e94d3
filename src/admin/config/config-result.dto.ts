import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class MissingEnvDto {
  @ApiProperty({ example: 'OPENAI_API_KEY' })
  name!: string;

  @ApiProperty({ example: 'providers[0].auth.apiKey' })
  path!: string;
}

/** A config that passed validation: applied (`PUT`) or only checked (`POST …/validate`). */
export class ConfigResultDto {
  @ApiProperty({ description: 'true: the config is valid', example: true })
  valid!: boolean;

  @ApiProperty({ description: 'true when it was written to the file and is running now (PUT only)', example: true })
  applied!: boolean;

  @ApiPropertyOptional({ description: 'The file written (PUT only)', example: '/etc/plexus/plexus.yaml' })
  path?: string;

  @ApiPropertyOptional({ description: 'When it took effect (PUT only)', example: '2025-06-01T12:00:00.000Z' })
  loadedAt?: string;

  @ApiProperty({ type: [String], example: ['providers[0].apikey: unknown key, did you mean "auth.apiKey"?'] })
  warnings!: string[];

  @ApiProperty({ type: [MissingEnvDto], description: '`{env:}` references whose variable is unset (what uses them stays off)' })
  missingEnv!: MissingEnvDto[];
}

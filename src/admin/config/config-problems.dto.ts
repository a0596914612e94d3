import { ApiProperty } from '@nestjs/swagger';

/** A config that failed validation: nothing was applied or written. */
export class ConfigProblemsDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'the configuration has 2 problems; nothing was changed' })
  message!: string;

  @ApiProperty({ example: false })
  valid!: boolean;

  @ApiProperty({
    type: [String],
    description: 'Every problem, each naming its place in the config',
    example: ['models[0].selector: must be one of random, in_order, cost, latency, performance (got "fastest")', 'models[0].targets[0].provider: no provider named "opnai"; did you mean "openai"?'],
  })
  problems!: string[];

  @ApiProperty({ type: [String], example: [] })
  warnings!: string[];
}

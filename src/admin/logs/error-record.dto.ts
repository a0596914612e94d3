import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One line of the error log. */
export class ErrorRecordDto {
  @ApiProperty({ enum: ['request', 'attempt'], description: 'request: the client got an error; attempt: a try that was failed over', example: 'attempt' })
  kind!: 'request' | 'attempt';

  @ApiProperty({ example: '0b6f6c1e-2f7a-4a57-9c1b-5d0e7a0f3c11' })
  requestId!: string;

  @ApiProperty({ example: '2025-06-01T12:00:00.300Z' })
  time!: string;

  @ApiProperty({ example: 'alice' })
  keyName!: string;

  @ApiPropertyOptional({ example: 'fast' })
  requestedModel?: string;

  @ApiPropertyOptional({ example: 'openai' })
  provider?: string;

  @ApiPropertyOptional({ example: 'gpt-4o' })
  model?: string;

  @ApiProperty({ example: 'rate_limit' })
  errorType!: string;

  @ApiPropertyOptional({ example: 429 })
  status?: number;

  @ApiProperty({ example: 'Rate limit reached for gpt-4o' })
  message!: string;

  @ApiPropertyOptional({ description: 'The first 4 KB of the upstream body, secrets masked', example: '{"error":{"message":"Rate limit reached"}}' })
  upstreamBody?: string;

  @ApiPropertyOptional({ example: 181 })
  durationMs?: number;
}

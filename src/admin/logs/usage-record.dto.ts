import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TokenUsageDto } from './token-usage.dto';

class AttemptDto {
  @ApiProperty({ example: 'openai' })
  provider!: string;

  @ApiProperty({ example: 'gpt-4o' })
  model!: string;

  @ApiProperty({ enum: ['chat', 'messages', 'gemini'], example: 'chat' })
  providerApi!: string;

  @ApiPropertyOptional({ description: 'Upstream HTTP status; absent when no answer came', example: 429 })
  status?: number;

  @ApiPropertyOptional({ description: 'Absent for the attempt that succeeded', example: 'rate_limit' })
  errorType?: string;

  @ApiPropertyOptional({ example: 'Rate limit reached for gpt-4o' })
  message?: string;

  @ApiProperty({ example: 181 })
  durationMs!: number;
}

class CostDto {
  @ApiProperty({ example: 0.003 })
  input!: number;

  @ApiProperty({ example: 0.0001 })
  cached!: number;

  @ApiProperty({ example: 0 })
  cacheWrite!: number;

  @ApiProperty({ example: 0.0023 })
  output!: number;

  @ApiProperty({ example: 0.0012 })
  reasoning!: number;

  @ApiProperty({ description: 'USD after discounts', example: 0.0066 })
  total!: number;

  @ApiProperty({ example: 'USD' })
  currency!: string;

  @ApiProperty({ enum: ['tiered', 'models', 'openrouter', 'none'], example: 'models' })
  source!: string;

  @ApiProperty({ description: 'Multiplier applied (1 = none)', example: 1 })
  discount!: number;
}

class RequestErrorDto {
  @ApiProperty({ example: 'server_error' })
  type!: string;

  @ApiProperty({ example: 'every target of model "fast" failed' })
  message!: string;
}

/** One completed request (a line of the usage log; also the payload of request.completed / request.failed). */
export class UsageRecordDto {
  @ApiProperty({ example: '0b6f6c1e-2f7a-4a57-9c1b-5d0e7a0f3c11' })
  requestId!: string;

  @ApiProperty({ description: 'When the request arrived', example: '2025-06-01T12:00:00.000Z' })
  timestamp!: string;

  @ApiProperty({ description: 'The client key name', example: 'alice' })
  keyName!: string;

  @ApiProperty({ enum: ['chat', 'messages', 'gemini'], example: 'chat' })
  clientApi!: string;

  @ApiProperty({ example: 'fast' })
  requestedModel!: string;

  @ApiPropertyOptional({ example: 'fast' })
  alias?: string;

  @ApiPropertyOptional({ example: 'openai' })
  provider?: string;

  @ApiPropertyOptional({ example: 'gpt-4o' })
  targetModel?: string;

  @ApiPropertyOptional({ enum: ['chat', 'messages', 'gemini'], example: 'chat' })
  providerApi?: string;

  @ApiProperty({ example: true })
  streamed!: boolean;

  @ApiProperty({ description: 'false: same format, bytes forwarded; true: translated', example: false })
  translated!: boolean;

  @ApiProperty({ enum: ['success', 'error', 'cancelled'], example: 'success' })
  status!: string;

  @ApiProperty({ example: 200 })
  httpStatus!: number;

  @ApiProperty({ type: [AttemptDto] })
  attempts!: AttemptDto[];

  @ApiProperty({ type: TokenUsageDto })
  usage!: TokenUsageDto;

  @ApiProperty({ description: 'true when the provider sent no usage and tokens were counted', example: false })
  usageEstimated!: boolean;

  @ApiPropertyOptional({ example: 'stop' })
  finishReason?: string;

  @ApiProperty({ example: 1234 })
  durationMs!: number;

  @ApiPropertyOptional({ description: 'Time to first token, ms', example: 412 })
  ttftMs?: number;

  @ApiPropertyOptional({ example: 85.5 })
  outputTokensPerSecond?: number;

  @ApiPropertyOptional({ type: RequestErrorDto })
  error?: RequestErrorDto;

  @ApiProperty({ type: CostDto })
  cost!: CostDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class CapturedRequestDto {
  @ApiPropertyOptional({ description: 'Only on upstream requests', example: 'https://api.openai.com/v1/chat/completions' })
  url?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Credential headers masked', example: { authorization: 'Bearer ***', 'content-type': 'application/json' } })
  headers!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'JSON bodies as JSON, others as text', example: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] } })
  body?: unknown;
}

/** One request's debug trace, secrets masked. */
export class DebugTraceDto {
  @ApiProperty({ example: '0b6f6c1e-2f7a-4a57-9c1b-5d0e7a0f3c11' })
  requestId!: string;

  @ApiProperty({ example: '2025-06-01T12:00:00.000Z' })
  startedAt!: string;

  @ApiProperty({ example: '2025-06-01T12:00:01.234Z' })
  finishedAt!: string;

  @ApiProperty({ example: 1234 })
  durationMs!: number;

  @ApiPropertyOptional({ type: CapturedRequestDto, description: 'Absent when captureRequests is off' })
  clientRequest?: CapturedRequestDto;

  @ApiProperty({ type: [CapturedRequestDto], description: 'One per attempt, in order' })
  upstreamRequests!: CapturedRequestDto[];

  @ApiPropertyOptional({ description: "The provider's answer as received", example: 'data: {"id":"chatcmpl-1",…}\n\n' })
  upstreamResponse?: string;

  @ApiPropertyOptional({ description: 'What the client was sent' })
  clientResponse?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { status: 'success', httpStatus: 200 } })
  summary!: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Present when the size cap cut something', example: { limitChars: 2097152, droppedChars: 1200 } })
  truncated?: { limitChars: number; droppedChars: number };
}

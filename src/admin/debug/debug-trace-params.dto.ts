import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** Request ids are what bootstrap accepts from x-request-id: no slashes, so never a path outside the trace folder. */
export class DebugTraceParamsDto {
  @ApiProperty({ description: 'The x-request-id of the request', example: '0b6f6c1e-2f7a-4a57-9c1b-5d0e7a0f3c11' })
  @Matches(/^[\w.:-]{1,128}$/, { message: 'requestId must be 1 to 128 letters, digits, ".", ":", "_" or "-"' })
  requestId!: string;
}

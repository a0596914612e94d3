import { ApiProperty } from '@nestjs/swagger';

export class DebugStatusDto {
  @ApiProperty({ description: 'Whether requests are being traced now', example: false })
  enabled!: boolean;

  @ApiProperty({ description: 'logging.debug.captureRequests', example: true })
  captureRequests!: boolean;

  @ApiProperty({ description: 'logging.debug.captureResponses', example: true })
  captureResponses!: boolean;

  @ApiProperty({ description: 'Days a trace is kept', example: 7 })
  retentionDays!: number;
}

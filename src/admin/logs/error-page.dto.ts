import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorRecordDto } from './error-record.dto';

export class ErrorPageDto {
  @ApiProperty({ type: [ErrorRecordDto], description: 'Newest first' })
  records!: ErrorRecordDto[];

  @ApiPropertyOptional({ description: 'Pass as ?cursor= for the next (older) page' })
  nextCursor?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UsageRecordDto } from './usage-record.dto';

export class UsagePageDto {
  @ApiProperty({ type: [UsageRecordDto], description: 'Newest first' })
  records!: UsageRecordDto[];

  @ApiPropertyOptional({ description: 'Pass as ?cursor= for the next (older) page; absent on the last page' })
  nextCursor?: string;
}

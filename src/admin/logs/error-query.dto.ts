import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { LogPageQueryDto } from './log-page-query.dto';

export class ErrorQueryDto extends LogPageQueryDto {
  @ApiPropertyOptional({ description: 'rate_limit, auth_error, timeout, server_error, connection_error, client_error, …', example: 'rate_limit' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  errorType?: string;

  @ApiPropertyOptional({ enum: ['request', 'attempt'], description: 'request: the client got an error; attempt: a try that was failed over' })
  @IsOptional()
  @IsIn(['request', 'attempt'])
  kind?: 'request' | 'attempt';

  @ApiPropertyOptional({ example: '0b6f6c1e-2f7a-4a57-9c1b-5d0e7a0f3c11' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  requestId?: string;
}

import { ApiProperty } from '@nestjs/swagger';

/** Every admin error: Nest's JSON shape. Validation errors list one message per bad field. */
export class ErrorResponseDto {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ example: 'Unauthorized' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'send the admin key as "Authorization: Bearer <admin.apiKey>"',
  })
  message!: string | string[];
}

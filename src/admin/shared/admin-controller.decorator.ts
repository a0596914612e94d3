import { applyDecorators, Controller, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { AdminThrottlerGuard } from '../auth/admin-throttler.guard';
import { AdminHttpExceptionFilter } from './admin-http-exception.filter';
import { adminValidationPipe } from './admin-validation.pipe';
import { ErrorResponseDto } from './error-response.dto';

/**
 * A controller under `/v0/<path>` with what every admin route shares: the rate limit (first, so
 * key guessing is limited too), the admin key, DTO validation, the error filter and their Swagger
 * documentation. Applied per controller because proxy routes must stay free of guards and pipes.
 */
export function AdminController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`v0/${path}`),
    UseGuards(AdminThrottlerGuard, AdminAuthGuard),
    UsePipes(adminValidationPipe),
    UseFilters(AdminHttpExceptionFilter),
    ApiTags(tag),
    ApiBearerAuth('admin-key'),
    ApiResponse({ status: 401, description: 'Missing or wrong admin key', type: ErrorResponseDto }),
    ApiResponse({
      status: 429,
      description: 'Over admin.rateLimit for this address; see Retry-After and X-RateLimit-* headers',
      type: ErrorResponseDto,
    }),
    ApiResponse({ status: 503, description: 'admin.apiKey comes from an environment variable that is not set', type: ErrorResponseDto }),
  );
}

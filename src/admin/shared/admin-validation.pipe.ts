import { ValidationPipe } from '@nestjs/common';

/**
 * Validates admin bodies, queries and path parameters against their DTOs. Unknown fields are
 * refused rather than ignored, so a typo (`?provder=`) is a 400 naming it, not a silently
 * unfiltered answer. Each message names its field (`limit must not be greater than 1000`).
 */
export const adminValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
});

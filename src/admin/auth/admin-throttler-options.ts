import type { ExecutionContext } from '@nestjs/common';
import type { ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { ConfigService } from '../../config/config.service';

/**
 * `admin.rateLimit` per client address, over all admin routes together (the default key is per
 * route, which would multiply the limit by the number of routes). Limit and window are read at
 * each request, so a config change applies to the next one. `blockDuration: 0` makes the window
 * slide: a client over the limit is let in again as soon as its oldest request in the window
 * ages out, and `Retry-After` says when that is.
 */
export function adminThrottlerOptions(configService: ConfigService): ThrottlerModuleOptions {
  const rateLimit = () => configService.config.admin.rateLimit;
  return {
    throttlers: [{ name: 'default', limit: () => rateLimit().maxRequests, ttl: () => rateLimit().windowMs, blockDuration: 0 }],
    generateKey: (_context: ExecutionContext, tracker: string, name: string) => `admin:${name}:${tracker}`,
    errorMessage: (_context: ExecutionContext, detail: ThrottlerLimitDetail) =>
      `admin API rate limit: at most ${detail.limit} requests per ${detail.ttl / 1000} s from one address (admin.rateLimit); retry in ${detail.timeToBlockExpire} s`,
  };
}

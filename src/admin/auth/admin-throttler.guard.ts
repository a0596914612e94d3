import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

/**
 * The admin rate limit (options in admin-throttler-options.ts). ThrottlerGuard sets only
 * `Retry-After` on a refused request; this adds the `X-RateLimit-*` headers it sends on allowed
 * ones, so a client sees the same headers either way.
 */
@Injectable()
export class AdminThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('X-RateLimit-Limit', detail.limit);
    void reply.header('X-RateLimit-Remaining', 0);
    void reply.header('X-RateLimit-Reset', detail.timeToBlockExpire);
    await super.throwThrottlingException(context, detail);
  }
}

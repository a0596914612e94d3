import { type CanActivate, type ExecutionContext, Injectable, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigService } from '../../config/config.service';
import { matchesAdminKey } from './matches-admin-key';

const BEARER = /^Bearer\s+(.+)$/i;

/**
 * `Authorization: Bearer <admin.apiKey>` on every admin route. When the key's `{env:}` variable
 * is unset the admin API is off (503 naming the variable) rather than open. Read from the config
 * at every request, so a changed key applies at once.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(private readonly configService: ConfigService) {}

  canActivate(context: ExecutionContext): boolean {
    const { apiKey, apiKeyEnv } = this.configService.config.admin;
    if (apiKey === undefined) {
      throw new ServiceUnavailableException(
        apiKeyEnv
          ? `the admin API is off: environment variable ${apiKeyEnv} (admin.apiKey) is not set; set it and restart Plexus`
          : 'the admin API is off: admin.apiKey is not configured',
      );
    }
    const http = context.switchToHttp();
    const header = http.getRequest<FastifyRequest>().headers.authorization;
    const presented = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    if (presented !== undefined && matchesAdminKey(presented, apiKey)) return true;
    void http.getResponse<FastifyReply>().header('www-authenticate', 'Bearer realm="plexus-admin"');
    throw new UnauthorizedException(
      presented === undefined ? 'send the admin key as "Authorization: Bearer <admin.apiKey>"' : 'the admin key is not valid',
    );
  }
}

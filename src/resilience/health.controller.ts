import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HealthService, type PublicHealthStatus } from './health.service';

/**
 * `GET /health` for load balancers and orchestrators: no auth, no provider names. 200 while the
 * gateway can serve (healthy or degraded), 503 when too many providers are down.
 */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('health')
  @Header('Cache-Control', 'no-store')
  status(@Res({ passthrough: true }) reply: FastifyReply): PublicHealthStatus {
    const status = this.health.publicStatus();
    reply.status(status.status === 'unhealthy' ? 503 : 200);
    return status;
  }
}

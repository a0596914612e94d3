import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyService } from './proxy.service';

@ApiTags('Anthropic Messages')
@ApiSecurity('x-api-key')
@Controller()
export class AnthropicMessagesController {
  constructor(private readonly proxy: ProxyService) {}

  @Post('v1/messages')
  @ApiOperation({ summary: 'Anthropic Messages, streaming or not, routed to any provider' })
  async messages(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.proxy.handle('messages', request, reply);
  }
}

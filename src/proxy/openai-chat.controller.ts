import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyService } from './proxy.service';

@ApiTags('OpenAI Chat Completions')
@ApiBearerAuth('client-key')
@Controller()
export class OpenAiChatController {
  constructor(private readonly proxy: ProxyService) {}

  @Post('v1/chat/completions')
  @ApiOperation({ summary: 'OpenAI Chat Completions, streaming or not, routed to any provider' })
  async chatCompletions(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.proxy.handle('chat', request, reply);
  }
}

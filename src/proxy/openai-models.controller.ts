import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ModelCatalogService } from '../models/model-catalog.service';
import { openAiChatCodec } from '../wire/openai-chat';
import { ClientAuthService } from './client-auth.service';

@ApiTags('OpenAI Chat Completions')
@ApiBearerAuth('client-key')
@Controller()
export class OpenAiModelsController {
  constructor(
    private readonly auth: ClientAuthService,
    private readonly catalog: ModelCatalogService,
  ) {}

  @Get('v1/models')
  @ApiOperation({ summary: 'Every alias and additional alias, in the OpenAI list shape' })
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (this.auth.authenticate(request) === undefined) {
      const { status, body } = openAiChatCodec.encodeError({ kind: 'authentication', status: 401, message: 'invalid or missing API key: send "Authorization: Bearer <key>"' });
      await reply.code(status).send(body);
      return;
    }
    const data = this.catalog.listModelIds().map((id) => ({ id, object: 'model', created: 0, owned_by: 'plexus' }));
    await reply.send({ object: 'list', data });
  }
}

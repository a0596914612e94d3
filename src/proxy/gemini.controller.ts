import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ModelCatalogService } from '../models/model-catalog.service';
import { geminiCodec } from '../wire/gemini';
import { ClientAuthService } from './client-auth.service';
import { parseGeminiPath } from './parse-gemini-path';
import { ProxyService } from './proxy.service';

/**
 * Gemini generateContent / streamGenerateContent under both `/v1beta` and `/v1` (the
 * @google/genai SDK's default API version). Fastify cannot route on a `:` inside a segment, so
 * one wildcard route per version reads model and action from the path itself.
 */
@ApiTags('Gemini')
@ApiSecurity('x-goog-api-key')
@Controller()
export class GeminiController {
  constructor(
    private readonly proxy: ProxyService,
    private readonly auth: ClientAuthService,
    private readonly catalog: ModelCatalogService,
  ) {}

  @Post(['v1beta/models/*', 'v1/models/*'])
  @ApiOperation({ summary: 'Gemini {model}:generateContent and {model}:streamGenerateContent (?alt=sse for SSE, else a streamed JSON array)' })
  @ApiParam({ name: '*', description: 'model name and action, e.g. gemini-2.5-flash:generateContent' })
  async generate(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const path = parseGeminiPath(request.url);
    if (!path || (path.action !== 'generateContent' && path.action !== 'streamGenerateContent')) {
      const { status, body } = geminiCodec.encodeError({
        kind: 'not_found',
        status: 404,
        message: `unsupported Gemini method ${request.url.split('?', 1)[0]}: use models/{model}:generateContent or :streamGenerateContent`,
      });
      await reply.code(status).send(body);
      return;
    }
    const stream = path.action === 'streamGenerateContent';
    const alt = (request.query as { alt?: unknown } | undefined)?.alt;
    await this.proxy.handle('gemini', request, reply, { model: path.model, stream, framing: alt === 'sse' ? 'sse' : 'json-array' });
  }

  @Get('v1beta/models')
  @ApiOperation({ summary: 'The models this gateway serves, in Gemini\'s list shape' })
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (this.auth.authenticate(request) === undefined) {
      const { status, body } = geminiCodec.encodeError({ kind: 'authentication', status: 401, message: 'invalid or missing API key: send x-goog-api-key or ?key=' });
      await reply.code(status).send(body);
      return;
    }
    const models = this.catalog.listModelIds().map((id) => ({
      name: `models/${id}`,
      baseModelId: id,
      displayName: id,
      supportedGenerationMethods: ['generateContent', 'streamGenerateContent'],
    }));
    await reply.send({ models });
  }
}

import { Get, HttpException, HttpStatus, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { EventStreamService } from '../../events/event-stream.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { PlexusEventDto } from './plexus-event.dto';

const JSON_ERROR = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };

const STREAM_EXAMPLE = [
  'retry: 3000',
  ': connected to Plexus events',
  '',
  'id: 17',
  'event: request.completed',
  'data: {"id":17,"type":"request.completed","at":"2025-06-01T12:00:01.234Z","data":{"requestId":"…","usage":{…},"cost":{…}}}',
  '',
  ': heartbeat',
  '',
].join('\n');

@AdminController('events', 'admin: events')
@ApiExtraModels(PlexusEventDto, ErrorResponseDto)
export class AdminEventsController {
  constructor(private readonly stream: EventStreamService) {}

  @Get()
  @ApiOperation({
    summary: 'Live events (Server-Sent Events)',
    description:
      'request.completed, request.failed, cooldown.started, cooldown.ended, health.changed, config.reloaded, pricing.refreshed; ' +
      'a `: heartbeat` comment every events.heartbeatIntervalMs. A client that reads too slowly loses its oldest events and is ' +
      'sent `event: dropped` with `{"missed": N}`. At most events.maxClients streams at once.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless event stream; each `data:` is one event',
    content: { 'text/event-stream': { schema: { type: 'string', description: 'SSE frames; each data line is a PlexusEventDto as JSON' }, example: STREAM_EXAMPLE } },
  })
  // The stream is text/event-stream, but refusals are JSON like every other admin error.
  @ApiResponse({ status: 401, description: 'Missing or wrong admin key', content: JSON_ERROR })
  @ApiResponse({ status: 429, description: 'events.maxClients streams are already open, or over admin.rateLimit', content: JSON_ERROR })
  @ApiResponse({ status: 503, description: 'admin.apiKey comes from an environment variable that is not set', content: JSON_ERROR })
  open(@Res() reply: FastifyReply): void {
    // Refused before the response is taken over, so the answer is ordinary JSON and no connection is held.
    if (!this.stream.hasRoom()) {
      throw new HttpException(
        `at most ${this.stream.maxClients} event streams may be open at once (events.maxClients); close one or raise the limit`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    reply.hijack();
    this.stream.open(reply.raw, reply.getHeaders() as OutgoingHttpHeaders);
  }
}

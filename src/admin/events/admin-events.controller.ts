import { Get, HttpException, HttpStatus, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EventStreamService } from '../../events/event-stream.service';
import { AdminController } from '../shared/admin-controller.decorator';
import { ErrorResponseDto } from '../shared/error-response.dto';
import { PlexusEventDto } from './plexus-event.dto';

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
@ApiExtraModels(PlexusEventDto)
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
    content: { 'text/event-stream': { schema: { type: 'string', description: `Frames whose data is a ${getSchemaPath(PlexusEventDto)}` }, example: STREAM_EXAMPLE } },
  })
  @ApiResponse({ status: 429, description: 'events.maxClients streams are already open (or over the rate limit)', type: ErrorResponseDto })
  open(@Res() reply: FastifyReply): void {
    // Refused before the response is taken over, so the answer is ordinary JSON and no connection is held.
    if (!this.stream.hasRoom()) {
      throw new HttpException(
        `at most ${this.stream.maxClients} event streams may be open at once (events.maxClients); close one or raise the limit`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    reply.hijack();
    this.stream.open(reply.raw, reply.getHeaders());
  }
}

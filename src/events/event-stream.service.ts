import { Injectable, Logger, type OnModuleDestroy, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Subscription } from 'rxjs';
import { ConfigService } from '../config/config.service';
import { EventBusService } from './event-bus.service';
import { EventRedactor } from './event-redactor';
import { formatEventFrame } from './format-event-frame';
import type { PlexusEvent } from './plexus-event';
import { SseClient } from './sse-client';

/** Frames a stalled client may have waiting before the oldest are dropped. */
export const EVENT_CLIENT_BUFFER_SIZE = 1000;
/** What EventSource waits before reconnecting after the stream drops. */
const RECONNECT_MS = 3000;
const SHUTDOWN_CHECK_MS = 1000;

const SSE_HEADERS: OutgoingHttpHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx buffers proxied responses unless told not to, which would hold events back.
  'x-accel-buffering': 'no',
};

/**
 * Fans the event bus out to Server-Sent Events clients. One bus subscription serves every client
 * and exists only while one is connected, so with nobody listening a publish costs nothing here.
 * Each event is serialised and redacted once; each client buffers on its own (SseClient), so a
 * slow one never holds back the others or the publisher. At most `events.maxClients` at once.
 */
@Injectable()
export class EventStreamService implements OnModuleDestroy {
  private readonly logger = new Logger('EventStream');
  /** Each client with its heartbeat timer. */
  private readonly clients = new Map<SseClient, NodeJS.Timeout>();
  private subscription?: Subscription;
  private shutdownCheck?: NodeJS.Timeout;
  private readonly unsubscribeConfig: () => void;

  constructor(
    private readonly configService: ConfigService,
    private readonly eventBus: EventBusService,
    private readonly redactor: EventRedactor,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {
    this.unsubscribeConfig = configService.onChange((next, previous) => {
      if (next.config.events.heartbeatIntervalMs === previous.config.events.heartbeatIntervalMs) return;
      for (const client of this.clients.keys()) this.armHeartbeat(client);
    });
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get maxClients(): number {
    return this.configService.config.events.maxClients;
  }

  hasRoom(): boolean {
    return this.clients.size < this.maxClients;
  }

  /**
   * Starts the stream on a response the caller has taken over (Fastify `reply.hijack()`).
   * `headers` are kept (request id, rate-limit headers). Check `hasRoom()` first, in the same tick.
   */
  open(response: ServerResponse, headers: OutgoingHttpHeaders = {}): SseClient {
    const client = new SseClient(response, EVENT_CLIENT_BUFFER_SIZE);
    response.writeHead(200, { ...headers, ...SSE_HEADERS });
    // The first bytes flush the headers, so the client knows at once that it is connected.
    client.send(`retry: ${RECONNECT_MS}\n: connected to Plexus events\n\n`);
    response.on('close', () => this.remove(client));
    this.clients.set(client, this.heartbeatTimer(client));
    this.subscription ??= this.eventBus.events$.subscribe((event) => this.broadcast(event));
    this.watchForShutdown();
    return client;
  }

  /** Ends every stream (shutdown). */
  closeAll(): void {
    for (const client of [...this.clients.keys()]) {
      client.end();
      this.remove(client);
    }
  }

  onModuleDestroy(): void {
    this.unsubscribeConfig();
    this.closeAll();
  }

  private broadcast(event: PlexusEvent): void {
    // This runs inside publish(), often on the request path: nothing may throw back into it.
    try {
      const frame = formatEventFrame(event, (text) => this.redactor.redact(text));
      for (const client of this.clients.keys()) client.send(frame);
    } catch (error) {
      this.logger.error(`could not send event ${event.type} #${event.id}: ${(error as Error).message}`);
    }
  }

  private remove(client: SseClient): void {
    const timer = this.clients.get(client);
    if (timer === undefined) return;
    clearInterval(timer);
    this.clients.delete(client);
    if (this.clients.size > 0) return;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    clearInterval(this.shutdownCheck);
    this.shutdownCheck = undefined;
  }

  private armHeartbeat(client: SseClient): void {
    clearInterval(this.clients.get(client));
    this.clients.set(client, this.heartbeatTimer(client));
  }

  private heartbeatTimer(client: SseClient): NodeJS.Timeout {
    const timer = setInterval(() => client.heartbeat(), this.configService.config.events.heartbeatIntervalMs);
    timer.unref();
    return timer;
  }

  /**
   * A graceful shutdown closes the listener and waits for open responses, and an event stream
   * never ends by itself, so it would hold shutdown for the whole grace period. Node announces
   * nothing when a server stops listening (its 'close' comes after the last connection), so the
   * streams check for that once a second while any is open.
   */
  private watchForShutdown(): void {
    const server = this.adapterHost?.httpAdapter?.getHttpServer() as Server | undefined;
    if (this.shutdownCheck || !server) return;
    this.shutdownCheck = setInterval(() => {
      if (!server.listening) this.closeAll();
    }, SHUTDOWN_CHECK_MS);
    this.shutdownCheck.unref();
  }
}

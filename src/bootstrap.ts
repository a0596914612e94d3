import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module';
import { ConfigService } from './config/config.service';
import { loadConfigFile } from './config/load-config-file';
import { nestLogLevels } from './config/log-level';
import { registerBodyParsers } from './http/register-body-parsers';
import { setUpSwagger } from './http/set-up-swagger';
import { answerFrameworkError } from './http/answer-framework-error';
import { InFlightTracker } from './http/in-flight-tracker';
import { PlexusLogger } from './http/plexus-logger';
import { registerRequestLog } from './http/request-log';

export interface StartOptions {
  /** Path of the YAML file; ignored when `configService` is given. */
  configPath?: string;
  configService?: ConfigService;
  /** Override server.host / server.port (tests use port 0). */
  host?: string;
  port?: number;
  /** Watch the config file and apply valid edits (default true when started from a file). */
  watchConfig?: boolean;
  /** Slow-client limits (default REQUEST_TIMEOUT_MS / HEADERS_TIMEOUT_MS); tests shorten them. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
}

export interface RunningPlexus {
  app: NestFastifyApplication;
  configService: ConfigService;
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  port: number;
  /** Stop accepting, let in-flight requests finish within `graceMs`, then flush and close. */
  shutdown(graceMs?: number): Promise<void>;
  /** Close at once (tests). */
  close(): Promise<void>;
}

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;
/**
 * Slowloris: a client that sends its headers or body a byte at a time would otherwise hold a
 * connection for ever (Fastify's default requestTimeout is 0, no limit). The whole request must
 * arrive within REQUEST_TIMEOUT_MS (32 MiB at 300 KB/s), the headers within HEADERS_TIMEOUT_MS;
 * then Node answers 408 and closes the socket. Answers are not limited: streams last as long as
 * the provider talks, and a client that stops reading is held back by backpressure, not memory.
 */
const REQUEST_TIMEOUT_MS = 120_000;
const HEADERS_TIMEOUT_MS = 30_000;

export async function startPlexus(options: StartOptions): Promise<RunningPlexus> {
  const configService = options.configService ?? new ConfigService(loadConfigFile(options.configPath ?? 'config/plexus.yaml'));
  const config = configService.config;
  const logger = new PlexusLogger('Plexus', { logLevels: nestLogLevels(config.logging.level), json: !process.stdout.isTTY, colors: process.stdout.isTTY });

  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const headersTimeoutMs = Math.min(options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, requestTimeoutMs);
  const adapter = new FastifyAdapter({
    bodyLimit: config.server.bodyLimitBytes,
    requestTimeout: requestTimeoutMs,
    // Node checks both limits on this interval (default 30 s, too coarse for short limits).
    http: { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs) },
    // Bad percent-encoding in the path is answered by Fastify before Nest: keep the route's envelope.
    frameworkErrors: answerFrameworkError,
    // The client's own x-request-id when it is sane, else a fresh one.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Plexus uses no Nest middleware; @fastify/middie would otherwise run on every request.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(configService), adapter, {
    logger,
    abortOnError: false,
    // registerBodyParsers owns JSON; Nest's parser would replace it for application/json at init.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const inFlight = new InFlightTracker();
  registerBodyParsers(fastify);
  // Callback-style hooks: an async hook costs a promise per request on the hot path.
  fastify.addHook('onRequest', (request, reply, done) => {
    inFlight.track(reply.raw);
    reply.header('x-request-id', request.id);
    done();
  });
  registerRequestLog(fastify, configService);
  setUpSwagger(app);

  const unsubscribe = configService.onChange((snapshot) => logger.setLogLevels(nestLogLevels(snapshot.config.logging.level)));
  const watching = options.watchConfig ?? options.configService === undefined;
  if (watching) configService.watch();

  await app.listen({ port: options.port ?? config.server.port, host: options.host ?? config.server.host });
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? config.server.port);
  const host = options.host ?? config.server.host;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;

  let closing: Promise<void> | undefined;
  const closeApp = async (): Promise<void> => {
    unsubscribe();
    if (watching) configService.close();
    await app.close();
  };
  return {
    app,
    configService,
    url,
    port,
    shutdown(graceMs = config.server.shutdownGraceMs) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => fastify.server.close(() => resolve()));
        fastify.server.closeIdleConnections?.();
        const drained = await inFlight.waitForIdle(graceMs);
        // Connections that finished their last response meanwhile are idle keep-alives now.
        fastify.server.closeIdleConnections?.();
        if (!drained) {
          new Logger('Shutdown').warn(`grace period of ${graceMs} ms over with ${inFlight.count} request(s) still open; closing them`);
          fastify.server.closeAllConnections?.();
        }
        await stopped;
        await closeApp();
      })();
      return closing;
    },
    close() {
      closing ??= (async () => {
        fastify.server.closeAllConnections?.();
        await closeApp();
      })();
      return closing;
    },
  };
}

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
import { InFlightTracker } from './http/in-flight-tracker';
import { PlexusLogger } from './http/plexus-logger';

export interface StartOptions {
  /** Path of the YAML file; ignored when `configService` is given. */
  configPath?: string;
  configService?: ConfigService;
  /** Override server.host / server.port (tests use port 0). */
  host?: string;
  port?: number;
  /** Watch the config file and apply valid edits (default true when started from a file). */
  watchConfig?: boolean;
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

export async function startPlexus(options: StartOptions): Promise<RunningPlexus> {
  const configService = options.configService ?? new ConfigService(loadConfigFile(options.configPath ?? 'config/plexus.yaml'));
  const config = configService.config;
  const logger = new PlexusLogger('Plexus', { logLevels: nestLogLevels(config.logging.level), json: !process.stdout.isTTY, colors: process.stdout.isTTY });

  const adapter = new FastifyAdapter({
    bodyLimit: config.server.bodyLimitBytes,
    // The client's own x-request-id when it is sane, else a fresh one.
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(configService), adapter, { logger, abortOnError: false });
  const fastify = app.getHttpAdapter().getInstance();
  const inFlight = new InFlightTracker();
  registerBodyParsers(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    inFlight.track(reply.raw);
    reply.header('x-request-id', request.id);
  });
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

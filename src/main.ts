// First, before anything allocates: see young-generation.ts.
import { restoreYoungGenerationGrowth } from './young-generation';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startPlexus } from './bootstrap';
import { ConfigService } from './config/config.service';
import { exitOnConfigError } from './config/exit-on-config-error';
import { loadConfigFile } from './config/load-config-file';
import { resolveConfigPath } from './config/resolve-config-path';

async function main(): Promise<void> {
  const configPath = resolveConfigPath(process.argv.slice(2), process.env, process.cwd());
  let configService: ConfigService;
  try {
    configService = new ConfigService(loadConfigFile(configPath, process.env));
  } catch (error) {
    // An invalid file stops start-up with every problem listed and no stack trace.
    exitOnConfigError(error);
  }
  const running = await startPlexus({ configService, watchConfig: true });
  restoreYoungGenerationGrowth();
  const logger = new Logger('Plexus');
  const snapshot = configService.snapshot;
  for (const warning of snapshot.warnings) logger.warn(warning);
  if (snapshot.missingEnv.length > 0) {
    const names = [...new Set(snapshot.missingEnv.map((entry) => entry.name))];
    logger.warn(
      `set ${names.join(', ')} to enable what uses ${names.length === 1 ? 'it' : 'them'}: ${snapshot.missingEnv.map((entry) => `${entry.path} ← ${entry.name}`).join('; ')}`,
    );
  }
  logger.log(`Plexus listening on ${running.url} (config ${snapshot.path})`);

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    logger.log(`${signal}: finishing in-flight requests (grace ${configService.config.server.shutdownGraceMs} ms), then exiting`);
    running.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

void main().catch((error: unknown) => {
  process.stderr.write(`plexus: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

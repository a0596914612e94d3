import { ConsoleLogger } from '@nestjs/common';

/** Nest's start-up chatter (module wiring, every mapped route): useful when debugging, noise otherwise. */
const BOOTSTRAP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The application logger: JSON lines when stdout is not a terminal (containers, log shippers),
 * readable lines on a terminal. Nest's bootstrap messages are demoted to debug.
 */
export class PlexusLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && BOOTSTRAP_CONTEXTS.has(context)) {
      if (this.isLevelEnabled('debug')) super.debug(message, ...rest);
      return;
    }
    super.log(message, ...rest);
  }
}

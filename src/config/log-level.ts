import type { LogLevel as NestLogLevel } from '@nestjs/common';
import type { LogLevel } from './plexus-config';

const RANK: Record<LogLevel, number> = { silly: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** Whether a line at `level` would be written under the configured level: check before building it. */
export function isLogLevelEnabled(configured: LogLevel, level: LogLevel): boolean {
  return RANK[level] >= RANK[configured];
}

/** Plexus levels → the Nest logger's levels (silly is Nest's verbose). */
export function nestLogLevels(configured: LogLevel): NestLogLevel[] {
  const all: Array<[LogLevel, NestLogLevel[]]> = [
    ['silly', ['verbose']],
    ['debug', ['debug']],
    ['info', ['log']],
    ['warn', ['warn']],
    ['error', ['error', 'fatal']],
  ];
  return all.filter(([level]) => isLogLevelEnabled(configured, level)).flatMap(([, nest]) => nest);
}

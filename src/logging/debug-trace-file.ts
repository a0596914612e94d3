import { join } from 'node:path';
import { utcDay } from './log-file-name';

/**
 * Where a request's trace lives: `<storagePath>/<YYYY-MM-DD>/<requestId>.json` (UTC day the
 * request started). A day folder per date lets retention delete by name, and keeps folders
 * small. Characters outside `[A-Za-z0-9._-]` in the id become `_` so an id can never
 * address a path outside the folder.
 */
export function debugTraceFile(storagePath: string, day: string, requestId: string): string {
  return join(storagePath, day, `${safeFileStem(requestId)}.json`);
}

export function debugTraceDay(startedAt: string): string {
  return utcDay(startedAt) ?? utcDay(Date.now())!;
}

function safeFileStem(requestId: string): string {
  return requestId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 200) || '_';
}

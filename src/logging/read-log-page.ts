import { BadRequestException } from '@nestjs/common';
import { listLogFiles } from './list-log-files';
import { decodeLogCursor, encodeLogCursor } from './log-cursor';
import type { LogKind } from './log-file-name';
import { readLinesBackward } from './read-lines-backward';

export interface LogPageRequest<T> {
  kind: LogKind;
  directory: string;
  fromDay?: string;
  toDay?: string;
  limit: number;
  cursor?: string;
  matches: (record: T) => boolean;
}

export interface LogPage<T> {
  records: T[];
  /** Present when the page is full; pass it back for the next (older) page. */
  nextCursor?: string;
}

/**
 * One newest-first page of a JSONL log: day files newest first, each read from its end
 * backwards in chunks, so the first page costs a few small reads even with millions of lines
 * on disk. Lines that do not parse (a partial line after a crash) are skipped.
 */
export async function readLogPage<T>(request: LogPageRequest<T>): Promise<LogPage<T>> {
  const cursor = request.cursor === undefined ? undefined : decodeLogCursor(request.cursor);
  if (request.cursor !== undefined && !cursor) throw new BadRequestException(`cursor "${request.cursor}" is not a cursor from a previous page`);
  const files = await listLogFiles(request.directory, request.kind, request.fromDay, request.toDay);
  const records: T[] = [];
  for (const file of files) {
    if (cursor && file.name > cursor.file) continue;
    const endOffset = cursor && file.name === cursor.file ? cursor.offset : undefined;
    for await (const line of readLinesBackwardIfExists(file.path, endOffset)) {
      const record = parseLine<T>(line.text);
      if (record === undefined || !request.matches(record)) continue;
      records.push(record);
      if (records.length === request.limit) return { records, nextCursor: encodeLogCursor({ file: file.name, offset: line.offset }) };
    }
  }
  return { records };
}

async function* readLinesBackwardIfExists(path: string, endOffset?: number) {
  try {
    yield* readLinesBackward(path, endOffset);
  } catch (error) {
    // Retention may delete a file between listing and reading it.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

export function parseLine<T>(text: string): T | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the next page of a newest-first query resumes: before byte `offset` of `file`. Files are
 * append-only, so a position stays valid while new lines arrive (they belong before page one).
 */
export interface LogCursor {
  file: string;
  offset: number;
}

export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify([cursor.file, cursor.offset])).toString('base64url');
}

/** Undefined for anything that is not a cursor this service produced. */
export function decodeLogCursor(text: string): LogCursor | undefined {
  try {
    const [file, offset] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof file !== 'string' || /[/\\]/.test(file) || !Number.isSafeInteger(offset) || (offset as number) < 0) return undefined;
    return { file, offset: offset as number };
  } catch {
    return undefined;
  }
}

import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';

const READ_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Calls `onLine` for every complete line of a file, start to end, reading 1 MB at a time so
 * memory stays flat for any file size. Text after the last newline is a line still being
 * written (or cut by a crash) and is skipped. A missing file has no lines.
 *
 * Each chunk is decoded once up to its last newline (a newline byte never sits inside a UTF-8
 * sequence); pure-ASCII chunks, the usual case for JSON logs, take the much cheaper latin1
 * path. A stream with a utf8 decoder was several times slower on a million lines.
 */
export async function readLinesForward(path: string, onLine: (text: string) => void): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    let buffer: Buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) buffer = grow(buffer);
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) return;
      filled += bytesRead;
      const lastNewline = buffer.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline < 0) continue;
      const complete = buffer.subarray(0, lastNewline);
      const text = isAscii(complete) ? complete.toString('latin1') : complete.toString('utf8');
      for (const line of text.split('\n')) if (line.length > 0) onLine(line);
      buffer.copy(buffer, 0, lastNewline + 1, filled);
      filled -= lastNewline + 1;
    }
  } finally {
    await handle.close();
  }
}

/** Room for a line longer than the buffer. */
function grow(buffer: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}

import { open, type FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

export interface PositionedLine {
  /** Byte offset of the line's first byte in the file. */
  offset: number;
  text: string;
}

/**
 * The complete lines of a file from the end backwards, reading fixed-size chunks so the first
 * lines cost one small read however big the file is. Starts at `endOffset` (default: end of
 * file), which must be a line start. Bytes after the last newline are a line still being
 * written (or cut by a crash) and are skipped.
 */
export async function* readLinesBackward(path: string, endOffset?: number): AsyncGenerator<PositionedLine> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    let position = Math.min(endOffset ?? size, size);
    let pending = Buffer.alloc(0);
    let trailingSkipped = false;
    while (position > 0) {
      const length = Math.min(CHUNK_BYTES, position);
      position -= length;
      const chunk = Buffer.allocUnsafe(length);
      await readFully(handle, chunk, position);
      const data = pending.length > 0 ? Buffer.concat([chunk, pending]) : chunk;
      let lineEnd = data.length;
      if (!trailingSkipped) {
        const lastNewline = data.lastIndexOf(NEWLINE);
        if (lastNewline < 0) {
          pending = data;
          continue;
        }
        lineEnd = lastNewline;
        trailingSkipped = true;
      }
      while (lineEnd > 0) {
        const newline = data.lastIndexOf(NEWLINE, lineEnd - 1);
        if (newline < 0) break;
        if (lineEnd - newline > 1) yield { offset: position + newline + 1, text: data.toString('utf8', newline + 1, lineEnd) };
        lineEnd = newline;
      }
      pending = data.subarray(0, lineEnd);
    }
    if (trailingSkipped && pending.length > 0) yield { offset: 0, text: pending.toString('utf8') };
  } finally {
    await handle.close();
  }
}

async function readFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let read = 0;
  while (read < buffer.length) {
    const { bytesRead } = await handle.read(buffer, read, buffer.length - read, position + read);
    if (bytesRead === 0) throw new Error('file shrank while being read');
    read += bytesRead;
  }
}

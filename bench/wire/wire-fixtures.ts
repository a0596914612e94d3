import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WireFormat } from './wire-format';

/** One recorded exchange per format: a plain text request, its answer, and a text stream. */
export interface FormatFixtures {
  /** Client request body exactly as recorded (JSON text). */
  request: string;
  /** Non-streaming response body exactly as recorded. */
  response: string;
  /** Full `text/event-stream` body exactly as recorded (framing, CRLF and padding intact). */
  stream: string;
}

export type WireFixtures = Record<WireFormat, FormatFixtures>;

const FILES: Record<WireFormat, { folder: string; request: string; response: string; stream: string }> = {
  chat: { folder: 'openai-chat', request: 'chat-text.request.json', response: 'chat-text.json', stream: 'stream-text.sse' },
  messages: {
    folder: 'anthropic-messages',
    request: 'message-text.request.json',
    response: 'message-text.json',
    stream: 'stream-text.sse',
  },
  gemini: {
    folder: 'gemini',
    request: 'generate-content-text.request.json',
    response: 'generate-content-text.json',
    stream: 'stream-text.sse',
  },
};

/**
 * Reads the recorded provider traffic (test/fixtures/provider-wire, see its PROVENANCE.md) once
 * at start. Not through test/support/fixtures.ts: that file is CommonJS-shaped TypeScript, which
 * the ESM loader of `npm run bench` cannot import by name.
 */
export function loadWireFixtures(repoRoot: string): WireFixtures {
  const read = (folder: string, file: string) =>
    readFileSync(join(repoRoot, 'test', 'fixtures', 'provider-wire', folder, file), 'utf8');
  const load = (format: WireFormat): FormatFixtures => {
    const files = FILES[format];
    return {
      request: read(files.folder, files.request),
      response: read(files.folder, files.response),
      stream: read(files.folder, files.stream),
    };
  };
  return { chat: load('chat'), messages: load('messages'), gemini: load('gemini') };
}

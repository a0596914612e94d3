import type { ServerResponse } from 'node:http';
import { createServer } from 'node:net';
import { fixtureText } from './fixtures';
import { FIXTURE_FILES, FIXTURE_FOLDER, MockUpstream, formatOf, type ProviderFormat, type ReceivedRequest } from './mock-upstream';

/** What an upstream does after its first bytes in a streamed answer. */
export type StreamEnding =
  /** The TCP connection is reset (socket destroyed) where the stream stands. */
  | 'reset'
  /** Nothing more, ever: only the gateway's idle timeout ends this. */
  | 'silence'
  /** Half of the next event, without its blank line, then a clean end of the body. */
  | 'truncated-event'
  /** The provider's own in-stream error event (Anthropic's recorded overload, OpenAI's error frame), then the end. */
  | 'error-event'
  /** The same error event, then nothing: the connection stays open. */
  | 'error-event-then-silence'
  /** A clean end of the body at an event boundary, without the events that finish the answer. */
  | 'end';

/** The broken behaviours an upstream can show; each names the case it reproduces. */
export type Fault =
  /** An HTTP error answer (status, body, headers such as retry-after). */
  | { mode: 'status'; status: number; body: string; headers?: Record<string, string> }
  /** Accepts the request and never answers: the first-byte timeout ends it. */
  | { mode: 'hang' }
  /** Reads the request, then resets the connection before any status line. */
  | { mode: 'reset-before-headers' }
  /** Sends 200 headers, then nothing. */
  | { mode: 'headers-then-silence' }
  /** A 200 with this body (HTML from a proxy, empty, invalid JSON, an error object). */
  | { mode: 'body'; body: string; contentType?: string }
  /** A 200 JSON body of this many bytes, valid JSON but far past any sane size. */
  | { mode: 'gigantic'; bytes: number }
  /**
   * A 200 event stream in the request's format: the recorded text stream up to and including its
   * first content event (or only the events before it when `content` is false), then `ending`.
   */
  | { mode: 'stream'; content: boolean; ending: StreamEnding };

/** OpenAI's in-stream error frame (https://platform.openai.com/docs/guides/error-codes, the envelope inside `data:`). */
const OPENAI_STREAM_ERROR = 'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":"server_error"}}\n\n';

/**
 * MockUpstream plus fault injection by URL prefix: providers in a test config point their
 * baseUrl at `${url}/<prefix>/v1`, the recorded fixtures answer everything else. Keeps count of
 * faulted answers still open, so a test can prove the gateway hung up on every one of them.
 */
export class FaultUpstream extends MockUpstream {
  /** Faulted responses the gateway has not closed yet. */
  openFaults = 0;

  /** Every request whose path starts with `prefix` gets `fault`, for the rest of the test (reset() clears it). */
  inject(prefix: string, fault: Fault): void {
    this.override((request, response) => {
      if (!request.url.startsWith(`/${prefix}/`)) return false;
      this.openFaults++;
      response.once('close', () => this.openFaults--);
      void answerWithFault(request, response, fault);
      return true;
    });
  }

  /** Requests that reached the provider mounted at `prefix`. */
  requestsTo(prefix: string): ReceivedRequest[] {
    return this.received.filter((request) => request.url.startsWith(`/${prefix}/`));
  }
}

/** A base URL on 127.0.0.1 where nothing listens (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

async function answerWithFault(request: ReceivedRequest, response: ServerResponse, fault: Fault): Promise<void> {
  const format = formatOf(request.url) ?? 'chat';
  switch (fault.mode) {
    case 'status':
      response.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end(fault.body);
      return;
    case 'hang':
      return;
    case 'reset-before-headers':
      response.socket?.destroy();
      return;
    case 'headers-then-silence':
      response.writeHead(200, { 'content-type': isStream(request) ? 'text/event-stream' : 'application/json' });
      response.flushHeaders();
      return;
    case 'body':
      response.writeHead(200, { 'content-type': fault.contentType ?? 'application/json' }).end(fault.body);
      return;
    case 'gigantic':
      await writeGigantic(response, format, fault.bytes);
      return;
    case 'stream':
      await writeBrokenStream(response, format, fault.content, fault.ending);
  }
}

function isStream(request: ReceivedRequest): boolean {
  return request.url.includes(':streamGenerateContent') || request.body?.stream === true;
}

/** `{"padding":"xxx…", …the recorded answer}`: parseable, so only a size cap can reject it. */
async function writeGigantic(response: ServerResponse, format: ProviderFormat, bytes: number): Promise<void> {
  const recorded = fixtureText(FIXTURE_FOLDER[format], FIXTURE_FILES[format].text.json).trim();
  const chunk = 'x'.repeat(1024 * 1024);
  response.writeHead(200, { 'content-type': 'application/json' });
  if (!(await writeOrStop(response, '{"padding":"'))) return;
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!(await writeOrStop(response, chunk))) return;
  }
  response.end(`",${recorded.slice(1)}`);
}

async function writeBrokenStream(response: ServerResponse, format: ProviderFormat, content: boolean, ending: StreamEnding): Promise<void> {
  const { events, separator } = recordedTextStream(format);
  const firstContent = events.findIndex((event) => carriesText(format, event));
  // With content the prefix ends on the first text event; without, just before it.
  const prefix = events.slice(0, content ? firstContent + 1 : firstContent);
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of prefix) {
    if (!(await writeOrStop(response, event + separator))) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  switch (ending) {
    case 'reset':
      // Let the events reach the gateway first, so the reset really lands mid-stream.
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.socket?.destroy();
      return;
    case 'silence':
      return;
    case 'truncated-event': {
      const next = events[prefix.length];
      response.end(next.slice(0, Math.floor(next.length / 2)));
      return;
    }
    case 'error-event':
      response.end(streamErrorEvent(format));
      return;
    case 'error-event-then-silence':
      response.write(streamErrorEvent(format));
      return;
    case 'end':
      response.end();
  }
}

/** The text a client sees from a broken stream with `content: true` before it breaks. */
export function firstContentText(format: ProviderFormat): string {
  const { events } = recordedTextStream(format);
  const event = events.find((candidate) => carriesText(format, candidate)) ?? '';
  const data = JSON.parse(event.slice(event.indexOf('data:') + 5));
  if (format === 'chat') return data.choices[0].delta.content;
  if (format === 'messages') return data.delta.text;
  return data.candidates[0].content.parts[0].text;
}

function recordedTextStream(format: ProviderFormat): { events: string[]; separator: string } {
  const data = fixtureText(FIXTURE_FOLDER[format], FIXTURE_FILES[format].text.sse);
  const separator = data.includes('\r\n\r\n') ? '\r\n\r\n' : '\n\n';
  return { events: data.split(separator).filter((event) => event.trim() !== ''), separator };
}

/** The first event a client would show text from (the role chunk and message_start carry none). */
function carriesText(format: ProviderFormat, event: string): boolean {
  if (format === 'chat') return /"content":"[^"]/.test(event);
  if (format === 'messages') return event.includes('"text_delta"');
  return /"text": ?"[^"]/.test(event);
}

function streamErrorEvent(format: ProviderFormat): string {
  if (format === 'messages') return fixtureText('anthropic-messages', 'stream-error-overloaded.sse');
  if (format === 'chat') return OPENAI_STREAM_ERROR;
  return 'data: {"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}\r\n\r\n';
}

async function writeOrStop(response: ServerResponse, text: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (response.write(text)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
  return !response.destroyed;
}

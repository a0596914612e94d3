import { StringDecoder } from 'node:string_decoder';
import type { ServerResponse } from 'node:http';
import type { IrError } from '../wire/ir';
import type { StreamTranslator } from '../wire';
import type { ProxyContext } from './proxy-context';
import type { UsageTracker } from './usage-tracker';

export type RelayOutcome =
  /** Nothing reached the client: the caller may fail over. */
  | { kind: 'failover'; error: IrError }
  | { kind: 'completed' }
  | { kind: 'cancelled' }
  /** Failed after the first byte: the client got an in-stream error. */
  | { kind: 'failed-mid-stream'; error: IrError };

export interface RelayInput {
  context: ProxyContext;
  body: AsyncIterable<Buffer>;
  translator: StreamTranslator;
  tracker: UsageTracker;
  headers: Record<string, string>;
  contentType: string;
  /** Turns a read error (timeout, reset) into an IR error. */
  toIrError(error: unknown): IrError;
  onChunk?(upstreamText: string, clientText: string): void;
}

/**
 * Streams an upstream answer to the client. Until the first content event nothing is written
 * (DESIGN.md: failover only before the first byte), so an upstream that errors or ends before
 * saying anything can still be failed over. After that each chunk is written as it arrives and
 * the next upstream read waits for the client to drain: backpressure end to end.
 */
export async function relayStream(input: RelayInput): Promise<RelayOutcome> {
  const { context, translator, tracker } = input;
  const iterator = input.body[Symbol.asyncIterator]();
  const textDecoder = new StringDecoder('utf8');
  let pending = '';

  // Phase 1: prime until the first content (or an error, or the end).
  for (;;) {
    let step: IteratorResult<Buffer>;
    try {
      step = await iterator.next();
    } catch (error) {
      if (context.clientGone) return { kind: 'cancelled' };
      return { kind: 'failover', error: input.toIrError(error) };
    }
    if (step.done) {
      const out = translator.end();
      if (!tracker.hasContent) {
        return { kind: 'failover', error: endedShortError(tracker.error) ?? emptyStreamError() };
      }
      return writeAll(input, pending + out);
    }
    const text = textDecoder.write(step.value);
    const out = translator.push(text);
    input.onChunk?.(text, out);
    if (tracker.error && !tracker.hasContent) {
      void iterator.return?.();
      return { kind: 'failover', error: tracker.error };
    }
    pending += out;
    if (tracker.hasContent) break;
  }

  // Phase 2: committed. Headers and everything so far go out; then chunk by chunk.
  const raw = commit(input);
  if (!(await write(raw, pending, context))) return cancel(iterator);
  for (;;) {
    // After an error event (the provider's own, or Plexus's for an unreadable event) nothing more
    // may reach the client: stop reading and end now, rather than wait for the upstream to hang
    // up or stall into a second error.
    if (tracker.error) {
      void iterator.return?.();
      break;
    }
    let step: IteratorResult<Buffer>;
    try {
      step = await iterator.next();
    } catch (error) {
      if (context.clientGone) return { kind: 'cancelled' };
      const irError = input.toIrError(error);
      const out = translator.fail(irError);
      input.onChunk?.('', out);
      raw.end(out);
      return { kind: 'failed-mid-stream', error: irError };
    }
    if (step.done) break;
    const text = textDecoder.write(step.value);
    const out = translator.push(text);
    input.onChunk?.(text, out);
    if (out && !(await write(raw, out, context))) return cancel(iterator);
  }
  const tail = translator.end();
  input.onChunk?.('', tail);
  raw.end(tail);
  const error = endedShortError(tracker.error);
  return error ? { kind: 'failed-mid-stream', error } : { kind: 'completed' };
}

/** Takes the response over from Fastify and sends the stream's headers: from here on there is no failover. */
function commit(input: RelayInput): ServerResponse {
  const { reply } = input.context;
  reply.hijack();
  reply.raw.writeHead(200, { ...input.headers, 'content-type': input.contentType, 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  return reply.raw;
}

/** The whole stream arrived before any content was committed: send it in one go. */
function writeAll(input: RelayInput, text: string): RelayOutcome {
  input.onChunk?.('', text);
  commit(input).end(text);
  const error = endedShortError(input.tracker.error);
  return error ? { kind: 'failed-mid-stream', error } : { kind: 'completed' };
}

/** Writes and, when the socket buffer is full, waits for drain (or the client leaving). */
async function write(raw: ServerResponse, text: string, context: ProxyContext): Promise<boolean> {
  if (context.clientGone) return false;
  if (!text) return true;
  if (raw.write(text)) return true;
  await drainOrClose(raw);
  return !context.clientGone;
}

function drainOrClose(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

function cancel(iterator: AsyncIterator<Buffer>): RelayOutcome {
  void iterator.return?.();
  return { kind: 'cancelled' };
}

/**
 * The upstream body ended cleanly, so the connection worked, whatever a decoder guessed (the
 * Anthropic decoder calls a stream that stops before message_stop a connection_error). An answer
 * that stopped short is the provider's bad answer: server_error rests that model, where
 * connection_error would rest the whole provider.
 */
function endedShortError(error: IrError | undefined): IrError | undefined {
  return error?.kind === 'connection_error' ? { ...error, kind: 'server_error' } : error;
}

function emptyStreamError(): IrError {
  return { kind: 'server_error', status: 502, message: 'the provider ended the stream without sending any content' };
}

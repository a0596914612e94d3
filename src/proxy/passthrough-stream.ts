import type { IrApi, IrError, IrStreamDecoder, IrStreamEvent, SseEvent } from '../wire/ir';
import { SseEventSplitter, type StreamTranslator } from '../wire';
import type { WireCodec } from '../wire/wire-codec';

export interface PassthroughOptions {
  api: IrApi;
  codec: WireCodec;
  /** OpenAI: the client did not ask for the usage chunk Plexus asked the provider for. */
  hideUsageChunk: boolean;
  framing: 'sse' | 'json-array';
  onEvent: (event: IrStreamEvent) => void;
}

/**
 * Same format, no translation: every upstream event goes out with its data untouched (unknown
 * fields survive), while a decoder reads usage and finish reason on the side. Only framing may
 * change (Gemini's JSON-array streaming, the hidden OpenAI usage chunk).
 */
export function createPassthroughStream(options: PassthroughOptions): StreamTranslator {
  const splitter = new SseEventSplitter();
  const decoder = options.codec.createStreamDecoder();
  const frame = framer(options);
  let finished = false;
  /** An error frame of Plexus's own went out: nothing may follow it. */
  let failed = false;

  const errorFrame = (error: IrError): string => {
    failed = true;
    return frame.error(options.codec.encodeError(error).body);
  };

  const forward = (events: SseEvent[]): string => {
    let out = '';
    for (const event of events) {
      if (failed) break;
      const error = observe(decoder, event, options.onEvent);
      // An event the decoder cannot read (cut mid-JSON, not JSON at all) would break the client's
      // SDK on a parse error; the client gets an error in its own format instead. A readable
      // error event is the provider's own, already in the client's format: it goes through.
      if (error && !isJson(event.data)) {
        out += errorFrame(error);
        break;
      }
      if (options.hideUsageChunk && isUsageOnlyChunk(event.data)) continue;
      out += frame.event(event);
    }
    return out;
  };

  return {
    push: (text) => forward(splitter.feed(text)),
    end() {
      let out = forward(splitter.end());
      // The decoder notices a stream that stopped before the answer was complete; forwarding
      // the bytes alone would pass a cut-off answer off as a finished one.
      for (const event of decoder.end()) {
        options.onEvent(event);
        if (event.type === 'error' && !failed) out += errorFrame(event.error);
      }
      finished = true;
      return out + frame.end();
    },
    fail(error: IrError) {
      if (finished || failed) return '';
      options.onEvent({ type: 'error', error });
      return errorFrame(error) + frame.end();
    },
  };
}

/** Feeds one event to the side decoder; returns the error it reported, if any. */
function observe(decoder: IrStreamDecoder, event: SseEvent, onEvent: (event: IrStreamEvent) => void): IrError | undefined {
  let error: IrError | undefined;
  for (const irEvent of decoder.push(event)) {
    onEvent(irEvent);
    if (irEvent.type === 'error') error = irEvent.error;
  }
  return error;
}

/** Only asked after the decoder failed on an event, so the hot path never parses twice. */
function isJson(data: string): boolean {
  try {
    JSON.parse(data);
    return true;
  } catch {
    return false;
  }
}

/** The usage chunk OpenAI sends last when include_usage is set: `"choices":[]` plus `usage`. */
function isUsageOnlyChunk(data: string): boolean {
  return data.includes('"choices":[]') && data.includes('"usage"');
}

interface Framer {
  event(event: SseEvent): string;
  error(envelope: Record<string, unknown>): string;
  end(): string;
}

function framer(options: PassthroughOptions): Framer {
  if (options.api === 'gemini' && options.framing === 'json-array') {
    let first = true;
    return {
      event(event) {
        const prefix = first ? '[' : ',\r\n';
        first = false;
        return prefix + event.data;
      },
      error(envelope) {
        const prefix = first ? '[' : ',\r\n';
        first = false;
        return prefix + JSON.stringify(envelope);
      },
      end: () => (first ? '[]' : ']'),
    };
  }
  const lineEnd = options.api === 'gemini' ? '\r\n\r\n' : '\n\n';
  return {
    event: (event) => (event.event === undefined ? `data: ${event.data}${lineEnd}` : `event: ${event.event}\ndata: ${event.data}${lineEnd}`),
    error: (envelope) =>
      options.api === 'messages' ? `event: error\ndata: ${JSON.stringify(envelope)}\n\n` : `data: ${JSON.stringify(envelope)}${lineEnd}`,
    end: () => '',
  };
}

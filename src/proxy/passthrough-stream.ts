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

  const forward = (events: SseEvent[]): string => {
    let out = '';
    for (const event of events) {
      observe(decoder, event, options.onEvent);
      if (options.hideUsageChunk && isUsageOnlyChunk(event.data)) continue;
      out += frame.event(event);
    }
    return out;
  };

  return {
    push: (text) => forward(splitter.feed(text)),
    end() {
      const out = forward(splitter.end());
      for (const event of decoder.end()) options.onEvent(event);
      finished = true;
      return out + frame.end();
    },
    fail(error: IrError) {
      if (finished) return '';
      options.onEvent({ type: 'error', error });
      const envelope = options.codec.encodeError(error).body;
      return frame.error(envelope) + frame.end();
    },
  };
}

function observe(decoder: IrStreamDecoder, event: SseEvent, onEvent: (event: IrStreamEvent) => void): void {
  for (const irEvent of decoder.push(event)) onEvent(irEvent);
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

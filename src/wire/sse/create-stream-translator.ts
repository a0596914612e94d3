import type { IrError, IrStreamDecoder, IrStreamEncoder, IrStreamEvent } from '../ir';
import { SseEventSplitter } from './sse-event-splitter';

export interface StreamTranslatorHooks {
  /** Sees every IR event as it passes (usage, finish, first content) without altering it. */
  onEvent?(event: IrStreamEvent): void;
}

/**
 * Push-style provider-SSE → client-wire translation: feed upstream text as it arrives, get the
 * client frames it produces. The caller owns the read loop, so backpressure is simply "don't
 * read the next upstream chunk until the client has drained" (see createTranslatingStream for
 * the web-stream form).
 */
export interface StreamTranslator {
  push(text: string): string;
  /** The upstream ended normally. */
  end(): string;
  /** The upstream failed mid-stream: close the client stream with an in-stream error. */
  fail(error: IrError): string;
}

export function createStreamTranslator(
  decoder: IrStreamDecoder,
  encoder: IrStreamEncoder,
  hooks: StreamTranslatorHooks = {},
): StreamTranslator {
  const splitter = new SseEventSplitter();
  const onEvent = hooks.onEvent;

  const translate = (events: IrStreamEvent[]): string => {
    let out = '';
    for (const event of events) {
      onEvent?.(event);
      out += encoder.push(event);
    }
    return out;
  };

  return {
    push(text) {
      let out = '';
      for (const sseEvent of splitter.feed(text)) out += translate(decoder.push(sseEvent));
      return out;
    },
    end() {
      let out = '';
      for (const sseEvent of splitter.end()) out += translate(decoder.push(sseEvent));
      return out + translate(decoder.end()) + encoder.end();
    },
    fail(error) {
      return translate([{ type: 'error', error }]) + encoder.end();
    },
  };
}

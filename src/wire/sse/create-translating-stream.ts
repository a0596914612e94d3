import type { IrStreamDecoder, IrStreamEncoder } from '../ir';
import { createStreamTranslator, type StreamTranslatorHooks } from './create-stream-translator';

/**
 * Provider SSE bytes → IR events → client wire bytes as a web TransformStream, so backpressure
 * from the reader propagates to the upstream read.
 */
export function createTranslatingStream(
  decoder: IrStreamDecoder,
  encoder: IrStreamEncoder,
  hooks: StreamTranslatorHooks = {},
): TransformStream<Uint8Array, Uint8Array> {
  const textDecoder = new TextDecoder();
  const textEncoder = new TextEncoder();
  const translator = createStreamTranslator(decoder, encoder, hooks);

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const out = translator.push(textDecoder.decode(chunk, { stream: true }));
      if (out) controller.enqueue(textEncoder.encode(out));
    },
    flush(controller) {
      const out = translator.push(textDecoder.decode()) + translator.end();
      if (out) controller.enqueue(textEncoder.encode(out));
    },
  });
}

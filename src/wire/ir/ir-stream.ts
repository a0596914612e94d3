import type { IrError } from './ir-error';
import type { IrFinishReason, IrUsage } from './ir-response';

/**
 * Stream IR events: small and typed. Decoders turn one provider SSE event into zero or more of
 * these; encoders turn each into zero or more client SSE frames.
 *
 * Ordering contract (decoders guarantee, encoders rely on):
 * - `message-start` first, exactly once.
 * - Content arrives as blocks: text / reasoning deltas, and tool calls bracketed by
 *   `tool-call-start` … `tool-call-delta`* … `tool-call-end`. Tool-call `index` counts tool calls
 *   in this response from 0 and never repeats.
 * - `usage` may come any number of times; each carries the totals known so far for the fields it
 *   sets (later values replace earlier ones field by field, never add).
 * - `finish` once, then optionally more `usage`; `error` ends the stream.
 */
export type IrStreamEvent =
  | { type: 'message-start'; id: string; model: string; created?: number }
  | { type: 'text-delta'; text: string; signature?: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'reasoning-signature'; signature: string }
  | { type: 'redacted-reasoning'; data: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string; signature?: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'tool-call-end'; index: number }
  | { type: 'usage'; usage: Partial<IrUsage> }
  | { type: 'finish'; reason: IrFinishReason; stopSequence?: string }
  | { type: 'error'; error: IrError };

/** One parsed SSE event as it came over the wire. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Stateful per-stream decoder: provider SSE events → IR events. */
export interface IrStreamDecoder {
  push(event: SseEvent): IrStreamEvent[];
  /** The upstream ended; returns any events still owed (e.g. a finish never sent). */
  end(): IrStreamEvent[];
}

/** Stateful per-stream encoder: IR events → client wire text (complete SSE frames). */
export interface IrStreamEncoder {
  push(event: IrStreamEvent): string;
  /** The stream is over; returns the closing frames still owed (e.g. `data: [DONE]`). */
  end(): string;
}

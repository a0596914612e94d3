import type { IrReasoningPart, IrTextPart, IrToolCallPart } from './ir-request';

/**
 * One finish-reason vocabulary for all formats; the mapping tables live in each format's
 * `map-*-finish-reason.ts`.
 */
export type IrFinishReason =
  | 'stop'
  | 'length'
  | 'tool_calls'
  | 'content_filter'
  | 'stop_sequence'
  | 'error'
  | 'other';

/**
 * Usage, normalised once. `inputTokens` EXCLUDES cache reads and writes;
 * `outputTokens` INCLUDES reasoning tokens (reasoningTokens is a subset of it).
 *
 * OpenAI: input = prompt_tokens - cached_tokens; output = completion_tokens.
 * Anthropic: input = input_tokens (already excludes cache); output = output_tokens.
 * Gemini: input = promptTokenCount - cachedContentTokenCount;
 *         output = candidatesTokenCount + thoughtsTokenCount.
 */
export interface IrUsage {
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export type IrResponsePart = IrTextPart | IrReasoningPart | IrToolCallPart;

export interface IrResponse {
  id: string;
  /** The model the provider says answered. */
  model: string;
  content: IrResponsePart[];
  finishReason: IrFinishReason;
  /** The stop sequence that matched, when the provider says (Anthropic `stop_sequence`). */
  stopSequence?: string;
  usage: IrUsage;
  /** Unix seconds; OpenAI `created`. */
  created?: number;
}

export function emptyUsage(): IrUsage {
  return { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

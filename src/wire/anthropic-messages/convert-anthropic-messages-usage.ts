import { emptyUsage, type IrUsage } from '../ir';
import type { AnthropicMessagesUsage } from './anthropic-messages-types';
import { isJsonObject } from './anthropic-messages-field-readers';

/**
 * Anthropic usage → IR. `input_tokens` already excludes cache reads and writes, so it maps
 * straight to `inputTokens` (IrUsage's normalisation). Only fields the provider sent are
 * returned: a stream's `message_delta` may omit the input fields, and IR usage events replace
 * field by field, so an absent field must stay absent rather than become 0.
 * `output_tokens_details.thinking_tokens` (newer API versions) is the reasoning share of
 * `output_tokens`; older versions do not report it, which reads as 0 in `toIrUsage`.
 */
export function convertAnthropicMessagesUsagePartial(usage: unknown): Partial<IrUsage> {
  if (!isJsonObject(usage)) return {};
  const partial: Partial<IrUsage> = {};
  const input = countOf(usage.input_tokens);
  const cacheRead = countOf(usage.cache_read_input_tokens);
  const cacheWrite = countOf(usage.cache_creation_input_tokens);
  const output = countOf(usage.output_tokens);
  const thinking = isJsonObject(usage.output_tokens_details) ? countOf(usage.output_tokens_details.thinking_tokens) : undefined;
  if (input !== undefined) partial.inputTokens = input;
  if (cacheRead !== undefined) partial.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) partial.cacheWriteTokens = cacheWrite;
  if (output !== undefined) partial.outputTokens = output;
  if (thinking !== undefined) partial.reasoningTokens = thinking;
  return partial;
}

/** A complete IrUsage (non-streaming responses): missing fields count as 0. */
export function convertAnthropicMessagesUsage(usage: unknown): IrUsage {
  return { ...emptyUsage(), ...convertAnthropicMessagesUsagePartial(usage) };
}

/** IR → Anthropic usage, as a client of Plexus sees it. */
export function encodeAnthropicMessagesUsage(usage: Partial<IrUsage>): AnthropicMessagesUsage {
  const encoded: AnthropicMessagesUsage = {
    input_tokens: usage.inputTokens ?? 0,
    cache_creation_input_tokens: usage.cacheWriteTokens ?? 0,
    cache_read_input_tokens: usage.cacheReadTokens ?? 0,
    output_tokens: usage.outputTokens ?? 0,
  };
  if (usage.reasoningTokens) encoded.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return encoded;
}

function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The usage of a `message_delta`: `output_tokens` is required; the input and cache totals are
 * added only when known, because the SDK lets a present value replace what message_start said.
 */
export function encodeAnthropicMessagesDeltaUsage(usage: Partial<IrUsage>): Partial<AnthropicMessagesUsage> & { output_tokens: number } {
  const encoded: Partial<AnthropicMessagesUsage> & { output_tokens: number } = { output_tokens: usage.outputTokens ?? 0 };
  if (usage.inputTokens !== undefined) encoded.input_tokens = usage.inputTokens;
  if (usage.cacheWriteTokens !== undefined) encoded.cache_creation_input_tokens = usage.cacheWriteTokens;
  if (usage.cacheReadTokens !== undefined) encoded.cache_read_input_tokens = usage.cacheReadTokens;
  if (usage.reasoningTokens) encoded.output_tokens_details = { thinking_tokens: usage.reasoningTokens };
  return encoded;
}

import type { IrUsage } from '../ir';
import type { OpenAiChatUsage } from './openai-chat-types';
import { isRecord } from './read-wire-fields';

/**
 * OpenAI's `prompt_tokens` INCLUDES `prompt_tokens_details.cached_tokens` (and, where a provider
 * reports it, `cache_write_tokens`), while the IR's inputTokens excludes both; `completion_tokens`
 * already includes `reasoning_tokens`, as the IR's outputTokens does.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 * `cache_write_tokens` is in the SDK's PromptTokensDetails and is what OpenRouter reports for
 * Anthropic cache writes.
 */
export function decodeOpenAiChatUsage(usage: unknown): IrUsage {
  const record = isRecord(usage) ? usage : {};
  const promptDetails = isRecord(record.prompt_tokens_details) ? record.prompt_tokens_details : {};
  const completionDetails = isRecord(record.completion_tokens_details) ? record.completion_tokens_details : {};
  const promptTokens = count(record.prompt_tokens);
  const cacheReadTokens = count(promptDetails.cached_tokens);
  const cacheWriteTokens = count(promptDetails.cache_write_tokens);
  return {
    inputTokens: Math.max(0, promptTokens - cacheReadTokens - cacheWriteTokens),
    cacheReadTokens,
    cacheWriteTokens,
    outputTokens: count(record.completion_tokens),
    reasoningTokens: count(completionDetails.reasoning_tokens),
  };
}

/** IR → wire; `cache_write_tokens` only appears when there were cache writes to report. */
export function encodeOpenAiChatUsage(usage: IrUsage): OpenAiChatUsage {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cacheReadTokens,
      ...(usage.cacheWriteTokens > 0 ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
  };
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

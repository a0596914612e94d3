import type { IrUsage } from '../ir';
import type { GeminiUsageMetadata } from './gemini-types';

/**
 * usageMetadata → IR usage (rules in IrUsage). promptTokenCount INCLUDES the cached tokens, so
 * they are taken out of the input; candidatesTokenCount EXCLUDES thoughts, so they are added to
 * the output. toolUsePromptTokenCount (results of Google-run tools fed back to the model) is
 * prompt the model read and is billed as input, so it counts as input.
 * https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function decodeGeminiUsage(usage: GeminiUsageMetadata): IrUsage {
  const cached = usage.cachedContentTokenCount ?? 0;
  const thoughts = usage.thoughtsTokenCount ?? 0;
  return {
    inputTokens: Math.max(0, (usage.promptTokenCount ?? 0) - cached) + (usage.toolUsePromptTokenCount ?? 0),
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    outputTokens: (usage.candidatesTokenCount ?? 0) + thoughts,
    reasoningTokens: thoughts,
  };
}

/**
 * IR usage → usageMetadata, the inverse. Gemini has no cache-write count, so cache writes are
 * prompt tokens like any other; totalTokenCount is the sum Google documents.
 */
export function encodeGeminiUsage(usage: Partial<IrUsage>): GeminiUsageMetadata {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const reasoning = usage.reasoningTokens ?? 0;
  const promptTokenCount = (usage.inputTokens ?? 0) + cacheRead + (usage.cacheWriteTokens ?? 0);
  const candidatesTokenCount = Math.max(0, (usage.outputTokens ?? 0) - reasoning);
  const metadata: GeminiUsageMetadata = { promptTokenCount, candidatesTokenCount };
  if (cacheRead > 0) metadata.cachedContentTokenCount = cacheRead;
  if (reasoning > 0) metadata.thoughtsTokenCount = reasoning;
  metadata.totalTokenCount = promptTokenCount + candidatesTokenCount + reasoning;
  return metadata;
}

import { createRequire } from 'node:module';
import type { IrUsage } from '../wire/ir';

type CountTokens = (text: string, options: { disallowedSpecial: Set<string> }) => number;

let countTokens: CountTokens | undefined;

/**
 * Token counts for a request whose provider sent no usage, with gpt-tokenizer's o200k_base
 * encoding (GPT-4o and later). For other vendors' models it is an estimate, usually within a
 * few percent for English text. The encoding (several MB of ranks) loads on first use, not at
 * start-up.
 */
export function estimateUsage(texts: { inputText: string; outputText: string }): IrUsage {
  return {
    inputTokens: count(texts.inputText),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: count(texts.outputText),
    reasoningTokens: 0,
  };
}

function count(text: string): number {
  if (!text) return 0;
  countTokens ??= (createRequire(__filename)('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountTokens }).countTokens;
  // Client text may contain "<|endoftext|>" and friends: count them as text, never throw.
  return countTokens(text, { disallowedSpecial: new Set() });
}

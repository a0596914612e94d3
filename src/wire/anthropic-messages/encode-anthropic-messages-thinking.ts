import type { IrReasoningConfig } from '../ir';
import type { AnthropicMessagesThinkingConfig } from './anthropic-messages-types';
import {
  ANTHROPIC_DEFAULT_THINKING_BUDGET,
  ANTHROPIC_MINIMUM_THINKING_BUDGET,
  mapEffortToAnthropicThinkingBudget,
} from './map-anthropic-messages-thinking-budget';

/**
 * `max_tokens` is required by Anthropic; when the client gave none this is what the answer may
 * use (on top of the thinking budget when thinking is on).
 */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

export interface EncodedAnthropicMessagesThinking {
  thinking?: AnthropicMessagesThinkingConfig;
  maxTokens: number;
}

/**
 * IR reasoning + max output tokens → `thinking` and `max_tokens`
 * (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
 * - Disabled (explicitly, effort none/minimal, or a zero budget) → `{type: 'disabled'}`.
 * - Budget from `budgetTokens`, else from the effort (map-anthropic-messages-thinking-budget.ts),
 *   else 8192; a negative budget (Gemini's "dynamic" -1) counts as no budget; raised to
 *   Anthropic's minimum of 1024.
 * - Anthropic requires `max_tokens > budget_tokens`: with no max, or one at or below the budget,
 *   max_tokens becomes budget + 4096 so the answer itself still has room.
 */
export function encodeAnthropicMessagesThinking(
  reasoning: IrReasoningConfig | undefined,
  maxOutputTokens: number | undefined,
): EncodedAnthropicMessagesThinking {
  if (!reasoning) return { maxTokens: maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS };
  const budgetFromEffort = reasoning.effort ? mapEffortToAnthropicThinkingBudget(reasoning.effort) : undefined;
  const disabled =
    reasoning.enabled === false ||
    reasoning.budgetTokens === 0 ||
    (budgetFromEffort === null && (reasoning.budgetTokens === undefined || reasoning.budgetTokens < 0));
  if (disabled) return { thinking: { type: 'disabled' }, maxTokens: maxOutputTokens ?? ANTHROPIC_DEFAULT_MAX_TOKENS };

  const requested = reasoning.budgetTokens !== undefined && reasoning.budgetTokens > 0 ? reasoning.budgetTokens : budgetFromEffort;
  const budgetTokens = Math.max(requested ?? ANTHROPIC_DEFAULT_THINKING_BUDGET, ANTHROPIC_MINIMUM_THINKING_BUDGET);
  const maxTokens =
    maxOutputTokens !== undefined && maxOutputTokens > budgetTokens ? maxOutputTokens : budgetTokens + ANTHROPIC_DEFAULT_MAX_TOKENS;
  return { thinking: { type: 'enabled', budget_tokens: budgetTokens }, maxTokens };
}

import type { IrReasoningConfig } from '../ir';

type Effort = NonNullable<IrReasoningConfig['effort']>;

/**
 * Effort ↔ `thinking.budget_tokens` (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking).
 *
 * Effort → budget (an OpenAI client's `reasoning_effort` sent to Claude):
 *   none, minimal → thinking disabled (null here); low → 1024 (Anthropic's minimum budget);
 *   medium → 8192; high → 24576; xhigh → 32768.
 * Budget → effort (a Claude client's budget shown to an effort-only provider): the nearest
 *   level, with the boundaries half-way between the values above, so effort → budget → effort
 *   returns the same level.
 */
const BUDGET_BY_EFFORT: Record<Effort, number | null> = {
  none: null,
  minimal: null,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
};

/** Anthropic rejects a budget below 1024 tokens. */
export const ANTHROPIC_MINIMUM_THINKING_BUDGET = 1024;

/** Used when thinking is on but neither a budget nor an effort says how much. */
export const ANTHROPIC_DEFAULT_THINKING_BUDGET = BUDGET_BY_EFFORT.medium as number;

export function mapEffortToAnthropicThinkingBudget(effort: Effort): number | null {
  return BUDGET_BY_EFFORT[effort];
}

export function mapAnthropicThinkingBudgetToEffort(budgetTokens: number): Effort {
  if (budgetTokens < 4608) return 'low';
  if (budgetTokens < 16384) return 'medium';
  if (budgetTokens < 28672) return 'high';
  return 'xhigh';
}

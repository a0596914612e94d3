import { WireValidationError, type IrReasoningConfig } from '../ir';
import type { GeminiThinkingConfig, GeminiThinkingLevel } from './gemini-types';

type IrEffort = NonNullable<IrReasoningConfig['effort']>;

/**
 * Effort → thinkingBudget, for clients that speak in effort (OpenAI `reasoning_effort`).
 * thinkingBudget works on Gemini 2.5 and 3 alike, while thinkingLevel is rejected by 2.5 models
 * and may not be sent together with a budget (https://ai.google.dev/gemini-api/docs/thinking),
 * so budgets are what Plexus sends. 24576 is the largest budget 2.5 Flash accepts, hence also
 * the ceiling for xhigh; 512 is the smallest non-zero budget 2.5 Flash-Lite accepts.
 */
const EFFORT_BUDGETS: Record<IrEffort, number> = {
  none: 0,
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 24576,
};

const LEVEL_EFFORTS: Partial<Record<GeminiThinkingLevel, IrEffort>> = {
  MINIMAL: 'minimal',
  LOW: 'low',
  MEDIUM: 'medium',
  HIGH: 'high',
  XHIGH: 'xhigh',
};

/** thinkingBudget 0 = off, -1 = dynamic (the model decides), n > 0 = a token budget. */
export function decodeGeminiThinkingConfig(config: GeminiThinkingConfig, field: string): IrReasoningConfig {
  const reasoning: IrReasoningConfig = {};
  const budget = config.thinkingBudget;
  if (budget !== undefined) {
    if (budget < -1) throw new WireValidationError(`${field}.thinkingBudget`, 'must be -1 (dynamic), 0 (off) or a token budget');
    if (budget === 0) reasoning.enabled = false;
    else if (budget === -1) reasoning.enabled = true;
    else reasoning.budgetTokens = budget;
  }
  const effort = config.thinkingLevel === undefined ? undefined : LEVEL_EFFORTS[config.thinkingLevel];
  if (effort !== undefined) reasoning.effort = effort;
  if (config.includeThoughts !== undefined) reasoning.includeThoughts = config.includeThoughts;
  return reasoning;
}

/** The inverse; thinkingLevel is never sent (see EFFORT_BUDGETS). */
export function encodeGeminiThinkingConfig(reasoning: IrReasoningConfig): GeminiThinkingConfig | undefined {
  const config: GeminiThinkingConfig = {};
  if (reasoning.includeThoughts !== undefined) config.includeThoughts = reasoning.includeThoughts;
  if (reasoning.enabled === false) config.thinkingBudget = 0;
  else if (reasoning.budgetTokens !== undefined) config.thinkingBudget = reasoning.budgetTokens;
  else if (reasoning.effort !== undefined) config.thinkingBudget = EFFORT_BUDGETS[reasoning.effort];
  else if (reasoning.enabled === true) config.thinkingBudget = -1;
  return Object.keys(config).length === 0 ? undefined : config;
}

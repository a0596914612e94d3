import { WireValidationError, type IrReasoningConfig } from '../ir';
import { readOptionalInteger, readOptionalObject, readOptionalString, readString } from './anthropic-messages-field-readers';
import { mapAnthropicThinkingBudgetToEffort } from './map-anthropic-messages-thinking-budget';

const EFFORTS = new Map<string, NonNullable<IrReasoningConfig['effort']>>([
  ['low', 'low'],
  ['medium', 'medium'],
  ['high', 'high'],
  ['xhigh', 'xhigh'],
  // The IR's top level; Anthropic's `max` has no counterpart elsewhere.
  ['max', 'xhigh'],
]);

/**
 * `thinking` (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking) and
 * `output_config.effort` → IR reasoning. A budget also yields the nearest effort (see
 * map-anthropic-messages-thinking-budget.ts) so an effort-only provider gets the same intent.
 * `adaptive` / `between_tools` thinking leaves the amount to the model: enabled, no budget.
 */
export function decodeAnthropicMessagesReasoning(thinkingValue: unknown, outputConfigValue: unknown): IrReasoningConfig | undefined {
  let reasoning: IrReasoningConfig | undefined;
  const thinking = readOptionalObject(thinkingValue, 'thinking');
  if (thinking) {
    const type = readString(thinking.type, 'thinking.type');
    if (type === 'enabled') {
      const budgetTokens = readOptionalInteger(thinking.budget_tokens, 'thinking.budget_tokens');
      if (budgetTokens === undefined) throw new WireValidationError('thinking.budget_tokens', 'is required when thinking.type is "enabled"');
      reasoning = { enabled: true, budgetTokens, effort: mapAnthropicThinkingBudgetToEffort(budgetTokens) };
    } else if (type === 'disabled') {
      reasoning = { enabled: false };
    } else {
      reasoning = { enabled: true };
    }
  }
  const outputConfig = readOptionalObject(outputConfigValue, 'output_config');
  const effort = readOptionalString(outputConfig?.effort, 'output_config.effort');
  if (effort !== undefined) {
    const irEffort = EFFORTS.get(effort);
    if (!irEffort) throw new WireValidationError('output_config.effort', 'must be one of "low", "medium", "high", "xhigh", "max"');
    reasoning = { ...reasoning, effort: irEffort };
  }
  return reasoning;
}

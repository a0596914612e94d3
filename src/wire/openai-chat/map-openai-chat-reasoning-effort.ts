import type { IrReasoningConfig } from '../ir';
import type { OpenAiChatReasoningEffort } from './openai-chat-types';

type IrReasoningEffort = NonNullable<IrReasoningConfig['effort']>;

const IR_EFFORTS: ReadonlyArray<IrReasoningEffort> = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/**
 * The thinking budget each effort stands for (effort → budget: low 1024, medium 8192,
 * high 24576). The budget → effort direction reads the same table as thresholds: a budget up to
 * 1024 is `low`, up to 8192 `medium`, anything larger `high`. 1024 is Anthropic's smallest
 * `budget_tokens`, so the lowest budget a client can ask for there is `low` here.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 * https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export const REASONING_BUDGET_BY_EFFORT = { low: 1024, medium: 8192, high: 24576 } as const;

/**
 * Wire `reasoning_effort` → IR effort. The IR has no `max` (OpenAI's newest value above
 * `xhigh`), so it becomes `xhigh`, the strongest effort every other format can be told.
 */
export function decodeOpenAiChatReasoningEffort(effort: string): IrReasoningEffort | undefined {
  if (effort === 'max') return 'xhigh';
  return IR_EFFORTS.find((candidate) => candidate === effort);
}

/**
 * IR reasoning → wire `reasoning_effort`: the client's effort when it named one, else the effort
 * its budget falls into. Reasoning switched off without an effort (Anthropic `disabled`, Gemini
 * budget 0) sends nothing: older OpenAI reasoning models reject `none`, and leaving the model's
 * default is the closest they can come.
 */
export function encodeOpenAiChatReasoningEffort(
  reasoning: IrReasoningConfig | undefined,
): OpenAiChatReasoningEffort | undefined {
  if (!reasoning) return undefined;
  if (reasoning.effort) return reasoning.effort;
  if (reasoning.enabled === false) return undefined;
  const budget = reasoning.budgetTokens;
  if (budget === undefined || budget <= 0) return undefined;
  if (budget <= REASONING_BUDGET_BY_EFFORT.low) return 'low';
  if (budget <= REASONING_BUDGET_BY_EFFORT.medium) return 'medium';
  return 'high';
}

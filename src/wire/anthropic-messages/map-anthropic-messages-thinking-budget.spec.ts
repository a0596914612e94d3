import { describe, expect, it } from 'vitest';
import { mapAnthropicThinkingBudgetToEffort, mapEffortToAnthropicThinkingBudget } from './map-anthropic-messages-thinking-budget';

describe('map-anthropic-messages-thinking-budget', () => {
  it.each(['low', 'medium', 'high', 'xhigh'] as const)('effort %s → budget → the same effort', (effort) => {
    const budget = mapEffortToAnthropicThinkingBudget(effort);
    expect(budget).not.toBeNull();
    expect(mapAnthropicThinkingBudgetToEffort(budget as number)).toBe(effort);
  });

  it('budgets in between land on the nearest level', () => {
    expect(mapAnthropicThinkingBudgetToEffort(4000)).toBe('low');
    expect(mapAnthropicThinkingBudgetToEffort(10000)).toBe('medium');
    expect(mapAnthropicThinkingBudgetToEffort(20000)).toBe('high');
    expect(mapAnthropicThinkingBudgetToEffort(64000)).toBe('xhigh');
  });

  it('minimal and none mean no thinking', () => {
    expect(mapEffortToAnthropicThinkingBudget('minimal')).toBeNull();
    expect(mapEffortToAnthropicThinkingBudget('none')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ESTIMATE_SAMPLE_CHARS } from '../logging/estimate-usage';
import { UsageTracker } from './usage-tracker';

describe('UsageTracker', () => {
  it('keeps usage as totals: each usage event replaces the fields it sets', () => {
    const tracker = new UsageTracker();
    tracker.onEvent({ type: 'usage', usage: { inputTokens: 10, cacheReadTokens: 4 } });
    tracker.onEvent({ type: 'usage', usage: { outputTokens: 7 } });
    tracker.onEvent({ type: 'usage', usage: { outputTokens: 9 } });
    expect(tracker.usage).toEqual({ inputTokens: 10, cacheReadTokens: 4, cacheWriteTokens: 0, outputTokens: 9, reasoningTokens: 0 });
    expect(tracker.sawUsage).toBe(true);
  });

  it('holds a bounded sample of a long stream for estimates, with its full length', () => {
    const tracker = new UsageTracker();
    const delta = 'x'.repeat(1000);
    for (let index = 0; index < 200; index++) tracker.onEvent({ type: 'text-delta', text: delta });
    tracker.onEvent({ type: 'tool-call-start', index: 0, id: 'c', name: 'add' });
    tracker.onEvent({ type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' });
    const { outputText, outputChars } = tracker.outputForEstimate();
    expect(outputText.length).toBe(ESTIMATE_SAMPLE_CHARS);
    expect(outputChars).toBe(200_000 + 'add'.length + '{"a":1}'.length);
    expect(tracker.hasContent).toBe(true);
  });
});

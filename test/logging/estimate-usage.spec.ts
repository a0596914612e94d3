import { describe, expect, it } from 'vitest';
import { afterAll } from 'vitest';
import { estimateUsage, stopUsageEstimator } from '../../src/logging/estimate-usage';
import { fixtureJson, fixtureText } from '../support/fixtures';

/** The assistant text of an OpenAI chat SSE stream, and the usage OpenAI reported for it. */
function streamedAnswer(sse: string): { text: string; completionTokens: number } {
  let text = '';
  let completionTokens = -1;
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const chunk = JSON.parse(line.slice('data: '.length));
    text += chunk.choices?.[0]?.delta?.content ?? '';
    if (chunk.usage) completionTokens = chunk.usage.completion_tokens;
  }
  return { text, completionTokens };
}

describe('estimateUsage', () => {
  afterAll(() => stopUsageEstimator());

  it('counts what gpt-4o counted for recorded answers', async () => {
    const response = fixtureJson('openai-chat', 'chat-text.json');
    expect((await estimateUsage({ inputText: '', outputText: response.choices[0].message.content })).outputTokens).toBe(response.usage.completion_tokens);
    const streamed = streamedAnswer(fixtureText('openai-chat', 'stream-text.sse'));
    expect(streamed.text).not.toBe('');
    expect((await estimateUsage({ inputText: '', outputText: streamed.text })).outputTokens).toBe(streamed.completionTokens);
  });

  it.each([
    { inputText: 'Hello, world!', outputText: 'The quick brown fox jumps over the lazy dog.', input: 4, output: 10 },
    { inputText: '', outputText: '', input: 0, output: 0 },
    { inputText: 'a <|endoftext|> b', outputText: 'x', input: 9, output: 1 },
  ])('counts $input + $output tokens for "$inputText" / "$outputText"', async ({ inputText, outputText, input, output }) => {
    expect(await estimateUsage({ inputText, outputText })).toEqual({ inputTokens: input, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: output, reasoningTokens: 0 });
  });

  it('stays in a plausible range for longer prose (about 4 characters per token)', async () => {
    const text = 'Plexus forwards each request to the first healthy provider and records what it cost. '.repeat(50);
    const { inputTokens } = await estimateUsage({ inputText: text, outputText: '' });
    expect(inputTokens).toBeGreaterThan(text.length / 6);
    expect(inputTokens).toBeLessThan(text.length / 3);
  });

  it('samples huge texts instead of tokenizing them whole, and extrapolates', async () => {
    const text = 'Plexus forwards each request to the first healthy provider. '.repeat(20_000);
    const started = performance.now();
    const { inputTokens } = await estimateUsage({ inputText: text, outputText: '' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(inputTokens).toBeGreaterThan(text.length / 6);
    expect(inputTokens).toBeLessThan(text.length / 3);
  });

  it('extrapolates the output from its sample when told the full length', async () => {
    const sample = 'Plexus forwards each request to the first healthy provider. '.repeat(100);
    const whole = await estimateUsage({ inputText: '', outputText: sample });
    const scaled = await estimateUsage({ inputText: '', outputText: sample, outputChars: sample.length * 10 });
    expect(scaled.outputTokens).toBe(whole.outputTokens * 10);
  });
});

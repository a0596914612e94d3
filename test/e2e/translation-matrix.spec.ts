import { describe, expect, it } from 'vitest';
import { expectedAnswer } from '../support/fixture-expectations';
import type { ProviderFormat, Scenario } from '../support/mock-upstream';
import { askWith } from '../support/sdk-clients';
import { useTestGateway } from '../support/use-test-gateway';

/**
 * The full matrix of issue 4: 3 client SDKs × 3 provider formats × (non-stream, stream) ×
 * (text, parallel tool calls). Each provider answers with a recorded fixture; the SDK's parsed
 * result must carry the same text, tool calls, finish reason and usage as the recording.
 */
const FORMATS: ProviderFormat[] = ['chat', 'messages', 'gemini'];
const SCENARIOS: Scenario[] = ['text', 'tools'];

describe('translation matrix through the real server', () => {
  const setup = useTestGateway();

  for (const client of FORMATS) {
    for (const provider of FORMATS) {
      for (const scenario of SCENARIOS) {
        for (const stream of [false, true]) {
          it(`${client} client → ${provider} provider, ${scenario}, ${stream ? 'stream' : 'non-stream'}`, async () => {
            const answer = await askWith(client, { gatewayUrl: setup.gateway.url, model: `via-${provider}`, scenario, stream });
            const expected = expectedAnswer(provider, scenario, stream);
            // Anthropic's wire has no field for reasoning tokens: they stay inside output_tokens.
            if (client === 'messages') expected.usage.reasoning = 0;
            expect(answer.text).toBe(expected.text);
            expect(answer.toolCalls).toEqual(expected.toolCalls);
            expect(answer.finish).toBe(expected.finish);
            expect(answer.usage).toEqual(expected.usage);
            if (scenario === 'tools') expect(answer.toolCalls.length).toBe(2);
          });
        }
      }
    }
  }
});

import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { decodeGeminiResponse } from './decode-gemini-response';
import { encodeGeminiResponse } from './encode-gemini-response';

describe('Gemini response → IR → Gemini response', () => {
  const roundTrip = (file: string) => {
    const source = fixtureJson('gemini', file);
    return { source, result: encodeGeminiResponse(decodeGeminiResponse(source), source.modelVersion) };
  };

  it.each(['generate-content-text.json', 'generate-content-parallel-function-calls.json', 'generate-content-thinking.json', 'generate-content-cached-content.json'])(
    'keeps %s except the per-modality token details, finishMessage and serviceTier',
    (file) => {
      const { source, result } = roundTrip(file);
      const { promptTokensDetails, cacheTokensDetails: _cacheDetails, serviceTier: _tier, ...usageMetadata } = source.usageMetadata;
      expect(promptTokensDetails).toBeDefined();
      const { finishMessage: _finishMessage, ...candidate } = source.candidates[0];
      expect(result).toEqual({ ...source, candidates: [candidate], usageMetadata });
    },
  );

  it('drops finishMessage on purpose: the IR has no place for a free-text finish explanation', () => {
    const { source, result } = roundTrip('generate-content-parallel-function-calls.json');
    expect(source.candidates[0].finishMessage).toBe('Model generated function call(s).');
    expect(result.candidates?.[0]).not.toHaveProperty('finishMessage');
  });

  it('shows the client the model name it asked for', () => {
    const ir = decodeGeminiResponse(fixtureJson('gemini', 'generate-content-text.json'));
    expect(encodeGeminiResponse(ir, 'my-alias').modelVersion).toBe('my-alias');
  });
});

describe('encodeGeminiResponse from other formats', () => {
  it('encodes an Anthropic-style answer: thinking, redacted thinking, text and a tool call with its id', () => {
    const body = encodeGeminiResponse(
      {
        id: 'msg_01',
        model: 'claude-sonnet-4',
        content: [
          { type: 'reasoning', text: 'plan', signature: 'EqQB' },
          { type: 'reasoning', text: '', redactedData: 'xyz' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: { city: 'Rome' } },
        ],
        finishReason: 'tool_calls',
        usage: { inputTokens: 10, cacheReadTokens: 100, cacheWriteTokens: 50, outputTokens: 30, reasoningTokens: 0 },
      },
      'claude-alias',
    );
    expect(body).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'plan', thought: true, thoughtSignature: 'EqQB' },
              { text: 'Checking.' },
              { functionCall: { id: 'toolu_1', name: 'weather', args: { city: 'Rome' } } },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      // Cache writes are prompt tokens to Gemini: 10 + 100 + 50.
      usageMetadata: { promptTokenCount: 160, cachedContentTokenCount: 100, candidatesTokenCount: 30, totalTokenCount: 190 },
      modelVersion: 'claude-alias',
      responseId: 'msg_01',
    });
  });

  it('drops created and stopSequence on purpose: a Gemini response has no field for them', () => {
    const body = encodeGeminiResponse(
      {
        id: 'r',
        model: 'm',
        created: 1700000000,
        stopSequence: '###',
        content: [{ type: 'text', text: 'a' }],
        finishReason: 'stop_sequence',
        usage: { inputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 1, reasoningTokens: 0 },
      },
      'm',
    );
    expect(JSON.stringify(body)).not.toMatch(/1700000000|###/);
    expect(body.candidates?.[0].finishReason).toBe('STOP');
  });

  it('never sends an empty parts list (the SDK chat history would drop the turn)', () => {
    const body = encodeGeminiResponse(
      { id: 'r', model: 'm', content: [], finishReason: 'content_filter', usage: { inputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 } },
      'm',
    );
    expect(body.candidates?.[0]).toMatchObject({ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'SAFETY' });
  });
});

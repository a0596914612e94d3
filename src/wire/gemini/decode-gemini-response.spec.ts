import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { decodeGeminiResponse } from './decode-gemini-response';

describe('decodeGeminiResponse on recorded responses', () => {
  it('reads the plain text answer, ids and usage (output = candidates 2 + thoughts 24)', () => {
    const response = decodeGeminiResponse(fixtureJson('gemini', 'generate-content-text.json'));
    expect(response).toEqual({
      id: 'VgCzac2AGLOHz7IP2pOkkAI',
      model: 'gemini-2.5-flash',
      content: [{ type: 'text', text: 'Olá!' }],
      finishReason: 'stop',
      usage: { inputTokens: 11, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 26, reasoningTokens: 24 },
    });
  });

  it('reads two parallel function calls, the signature on the first, and calls it tool_calls', () => {
    const response = decodeGeminiResponse(fixtureJson('gemini', 'generate-content-parallel-function-calls.json'));
    expect(response.content).toEqual([
      {
        type: 'tool-call',
        id: 'gemini_call_WwCzadOqH-mtz7IP8_Se8Ak_0',
        name: 'add',
        arguments: { a: 2, b: 3 },
        signature: expect.stringMatching(/^CuwBAb4\+9vtZI.*Xg=$/),
      },
      { type: 'tool-call', id: 'gemini_call_WwCzadOqH-mtz7IP8_Se8Ak_1', name: 'multiply', arguments: { a: 2, b: 3 } },
    ]);
    expect(response.finishReason).toBe('tool_calls');
    // 125 prompt; 36 candidates + 73 thoughts = 109 output.
    expect(response.usage).toEqual({ inputTokens: 125, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 109, reasoningTokens: 73 });
  });

  it('reads the thought summary as reasoning and the signed weather call', () => {
    const response = decodeGeminiResponse(fixtureJson('gemini', 'generate-content-thinking.json'));
    expect(response.content).toHaveLength(2);
    expect(response.content[0]).toEqual({ type: 'reasoning', text: expect.stringMatching(/^\*\*Analyzing the Weather Query\*\*\n\nOkay, so the user needs the weather for Florence/) });
    expect(response.content[1]).toEqual({
      type: 'tool-call',
      id: 'gemini_call_zACzaYXlFezjz7IPy5DMqQI_0',
      name: 'weather',
      arguments: { location: 'Florence, Italy' },
      signature: expect.stringMatching(/^CpQCAb4\+9vsbZAix.*MY$/),
    });
    expect(response.finishReason).toBe('tool_calls');
    // 54 prompt; 15 candidates + 54 thoughts = 69 output.
    expect(response.usage).toEqual({ inputTokens: 54, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 69, reasoningTokens: 54 });
  });

  it('takes cached tokens out of the input (9622 prompt - 9609 cached = 13)', () => {
    const response = decodeGeminiResponse(fixtureJson('gemini', 'generate-content-cached-content.json'));
    expect(response.content).toEqual([{ type: 'text', text: expect.stringMatching(/^The RubyLLM release engineering handbook/) }]);
    expect(response.finishReason).toBe('stop');
    // 35 candidates + 136 thoughts = 171 output.
    expect(response.usage).toEqual({ inputTokens: 13, cacheReadTokens: 9609, cacheWriteTokens: 0, outputTokens: 171, reasoningTokens: 136 });
  });
});

describe('decodeGeminiResponse edge cases', () => {
  it('counts toolUsePromptTokenCount as input', () => {
    const response = decodeGeminiResponse({
      candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 100, cachedContentTokenCount: 40, toolUsePromptTokenCount: 7, candidatesTokenCount: 5, totalTokenCount: 112 },
    });
    expect(response.usage).toEqual({ inputTokens: 67, cacheReadTokens: 40, cacheWriteTokens: 0, outputTokens: 5, reasoningTokens: 0 });
  });

  it('reports a prompt blocked before any candidate as content_filter', () => {
    const response = decodeGeminiResponse({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 9 } });
    expect(response.finishReason).toBe('content_filter');
    expect(response.content).toEqual([]);
    expect(response.usage.inputTokens).toBe(9);
  });

  it('maps MAX_TOKENS to length and keeps a real function-call id', () => {
    const response = decodeGeminiResponse({
      candidates: [{ content: { parts: [{ functionCall: { id: 'fc-9', name: 'f', args: { a: 1 } } }] }, finishReason: 'MAX_TOKENS' }],
    });
    expect(response.finishReason).toBe('length');
    expect(response.content).toEqual([{ type: 'tool-call', id: 'fc-9', name: 'f', arguments: { a: 1 } }]);
  });

  it('copes with a body that is not a response at all', () => {
    expect(decodeGeminiResponse('nonsense')).toEqual({
      id: '',
      model: '',
      content: [],
      finishReason: 'stop',
      usage: { inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 },
    });
  });

  it('keeps only the first candidate on purpose: the IR carries one answer', () => {
    const response = decodeGeminiResponse({
      candidates: [
        { content: { parts: [{ text: 'first' }] }, finishReason: 'STOP', index: 0 },
        { content: { parts: [{ text: 'second' }] }, finishReason: 'STOP', index: 1 },
      ],
    });
    expect(response.content).toEqual([{ type: 'text', text: 'first' }]);
  });

  it('drops generated images and code-execution parts on purpose: IR responses carry text, reasoning and tool calls', () => {
    const response = decodeGeminiResponse({
      candidates: [
        {
          content: {
            parts: [
              { inlineData: { mimeType: 'image/png', data: 'iVBOR' } },
              { executableCode: { language: 'PYTHON', code: 'print(1)' } },
              { text: 'done' },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    });
    expect(response.content).toEqual([{ type: 'text', text: 'done' }]);
  });
});

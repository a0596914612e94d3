import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { WireValidationError } from '../ir';
import { decodeOpenAiChatResponse } from './decode-openai-chat-response';

describe('decodeOpenAiChatResponse on recorded responses', () => {
  it('chat-text.json: text, stop, usage', () => {
    expect(decodeOpenAiChatResponse(fixtureJson('openai-chat', 'chat-text.json'))).toEqual({
      id: 'chatcmpl-DuLdCrhIZ5WekmJNOuiNyelYjQqZk',
      model: 'gpt-4o-2024-08-06',
      created: 1782321890,
      content: [{ type: 'text', text: 'Oi!' }],
      finishReason: 'stop',
      usage: { inputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0 },
    });
  });

  it('chat-parallel-tool-calls.json: two tool calls with ids and parsed arguments, no text', () => {
    const response = decodeOpenAiChatResponse(fixtureJson('openai-chat', 'chat-parallel-tool-calls.json'));
    expect(response.content).toEqual([
      { type: 'tool-call', id: 'call_fifE5poZ3dg3JDUKGFi48NGq', name: 'add', arguments: { a: 2, b: 3 } },
      { type: 'tool-call', id: 'call_cvvIly4eGLZUYOMhAviT8jAF', name: 'multiply', arguments: { a: 2, b: 3 } },
    ]);
    expect(response.finishReason).toBe('tool_calls');
    expect(response.usage).toEqual({ inputTokens: 110, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 50, reasoningTokens: 0 });
  });

  it('chat-reasoning-tokens.json: reasoning tokens are part of the 228 output tokens', () => {
    const response = decodeOpenAiChatResponse(fixtureJson('openai-chat', 'chat-reasoning-tokens.json'));
    expect(response.content).toEqual([{ type: 'text', text: '3\n\nThere are three \'r\' letters in "strawberry" (positions 3, 8, and 9).' }]);
    expect(response.usage).toEqual({ inputTokens: 11, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 228, reasoningTokens: 192 });
  });

  it('chat-cached-tokens.json: input excludes the 1024 cached of 1149 prompt tokens', () => {
    const response = decodeOpenAiChatResponse(fixtureJson('openai-chat', 'chat-cached-tokens.json'));
    expect(response.model).toBe('gpt-4o-mini-2024-07-18');
    expect(response.content[0]).toMatchObject({ type: 'text' });
    expect((response.content[0] as { text: string }).text.startsWith('1. **Open-Source Library OpenLLMetry')).toBe(true);
    expect(response.usage).toEqual({ inputTokens: 125, cacheReadTokens: 1024, cacheWriteTokens: 0, outputTokens: 353, reasoningTokens: 0 });
  });
});

describe('decodeOpenAiChatResponse on OpenAI-compatible shapes', () => {
  const response = (message: Record<string, unknown>, finishReason = 'stop', usage?: unknown) => ({
    id: 'x',
    object: 'chat.completion',
    created: 1,
    model: 'deepseek-reasoner',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }],
    usage,
  });

  it('reads reasoning_content before the text, and reasoning when that is all there is', () => {
    expect(decodeOpenAiChatResponse(response({ reasoning_content: 'think', content: 'answer' })).content).toEqual([
      { type: 'reasoning', text: 'think' },
      { type: 'text', text: 'answer' },
    ]);
    expect(decodeOpenAiChatResponse(response({ reasoning: 'openrouter', content: 'a' })).content[0]).toEqual({ type: 'reasoning', text: 'openrouter' });
  });

  it('keeps a refusal as text', () => {
    expect(decodeOpenAiChatResponse(response({ content: null, refusal: 'I cannot.' })).content).toEqual([{ type: 'text', text: 'I cannot.' }]);
  });

  it('reads the legacy function_call as a tool call', () => {
    const decoded = decodeOpenAiChatResponse(response({ content: null, function_call: { name: 'f', arguments: '{"x":1}' } }, 'function_call'));
    expect(decoded.content).toEqual([{ type: 'tool-call', id: 'call_function_0', name: 'f', arguments: { x: 1 } }]);
    expect(decoded.finishReason).toBe('tool_calls');
  });

  it('reads cache writes reported in prompt_tokens_details (OpenRouter in front of Anthropic)', () => {
    const decoded = decodeOpenAiChatResponse(
      response({ content: 'a' }, 'stop', { prompt_tokens: 1000, completion_tokens: 10, prompt_tokens_details: { cached_tokens: 300, cache_write_tokens: 600 } }),
    );
    expect(decoded.usage).toEqual({ inputTokens: 100, cacheReadTokens: 300, cacheWriteTokens: 600, outputTokens: 10, reasoningTokens: 0 });
  });

  it('gives zero usage when the provider sent none, and other for an unknown finish reason', () => {
    const decoded = decodeOpenAiChatResponse(response({ content: 'a' }, 'eos'));
    expect(decoded.usage).toEqual({ inputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 0, reasoningTokens: 0 });
    expect(decoded.finishReason).toBe('other');
  });

  it('rejects a body without choices with a WireValidationError', () => {
    expect(() => decodeOpenAiChatResponse({ id: 'x' })).toThrow(WireValidationError);
    expect(() => decodeOpenAiChatResponse({ choices: [] })).toThrow('choices[0]: must be an object');
  });
});

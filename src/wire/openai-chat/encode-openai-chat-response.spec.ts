import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import type { IrResponse } from '../ir';
import { decodeOpenAiChatResponse } from './decode-openai-chat-response';
import { encodeOpenAiChatResponse } from './encode-openai-chat-response';

/** Arguments go back out through JSON.stringify: same value, OpenAI's `{"a": 2}` spacing becomes `{"a":2}`. */
function reSerialised(calls: Array<{ function: { arguments: string } }>) {
  return calls.map((call) => ({ ...call, function: { ...call.function, arguments: JSON.stringify(JSON.parse(call.function.arguments)) } }));
}

describe('encodeOpenAiChatResponse round trips recorded responses (OpenAI → IR → OpenAI)', () => {
  it.each(['chat-text.json', 'chat-parallel-tool-calls.json', 'chat-reasoning-tokens.json', 'chat-cached-tokens.json'])('%s', (file) => {
    const original = fixtureJson('openai-chat', file);
    const encoded = encodeOpenAiChatResponse(decodeOpenAiChatResponse(original), original.model);
    const originalChoice = original.choices[0];
    expect(encoded).toMatchObject({ id: original.id, object: 'chat.completion', created: original.created, model: original.model });
    expect(encoded.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: originalChoice.message.content,
          refusal: null,
          ...(originalChoice.message.tool_calls ? { tool_calls: reSerialised(originalChoice.message.tool_calls) } : {}),
        },
        logprobs: null,
        finish_reason: originalChoice.finish_reason,
      },
    ]);
    expect(encoded.usage).toEqual({
      prompt_tokens: original.usage.prompt_tokens,
      completion_tokens: original.usage.completion_tokens,
      total_tokens: original.usage.total_tokens,
      prompt_tokens_details: { cached_tokens: original.usage.prompt_tokens_details.cached_tokens },
      completion_tokens_details: { reasoning_tokens: original.usage.completion_tokens_details.reasoning_tokens },
    });
  });

  it('drops service_tier, system_fingerprint, annotations and audio/prediction token details on purpose: the IR has no field for them', () => {
    const original = fixtureJson('openai-chat', 'chat-cached-tokens.json');
    const encoded = encodeOpenAiChatResponse(decodeOpenAiChatResponse(original), 'client-model');
    expect(encoded).not.toHaveProperty('service_tier');
    expect(encoded).not.toHaveProperty('system_fingerprint');
    expect(encoded.choices[0].message).not.toHaveProperty('annotations');
    expect(encoded.usage.completion_tokens_details).not.toHaveProperty('accepted_prediction_tokens');
    expect(encoded.model).toBe('client-model');
  });
});

describe('encodeOpenAiChatResponse from other formats’ IR', () => {
  const anthropicLike: IrResponse = {
    id: 'msg_01',
    model: 'claude-sonnet-4',
    content: [
      { type: 'reasoning', text: 'The user wants', signature: 'EqQBCkgIARABGAIiQL' },
      { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3va3pzix' },
      { type: 'text', text: 'I will add ' },
      { type: 'text', text: 'them.' },
      { type: 'tool-call', id: 'toolu_1', name: 'add', arguments: { a: 2, b: 3 } },
    ],
    finishReason: 'tool_calls',
    usage: { inputTokens: 10, cacheReadTokens: 200, cacheWriteTokens: 50, outputTokens: 30, reasoningTokens: 0 },
  };

  it('joins text into content and reasoning into reasoning_content, and drops signatures and redacted reasoning on purpose', () => {
    const encoded = encodeOpenAiChatResponse(anthropicLike, 'client-model', () => 1_700_000_000_500);
    expect(encoded).toEqual({
      id: 'msg_01',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'client-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'I will add them.',
            refusal: null,
            reasoning_content: 'The user wants',
            tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 260,
        completion_tokens: 30,
        total_tokens: 290,
        prompt_tokens_details: { cached_tokens: 200, cache_write_tokens: 50 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(JSON.stringify(encoded)).not.toMatch(/EqQBCkgIARABGAIiQL|EmwKAhgBEgy3va3pzix/);
  });

  it('says stop for a matched stop sequence (Chat has no stop_sequence reason) and for other', () => {
    for (const finishReason of ['stop_sequence', 'other', 'error'] as const) {
      expect(encodeOpenAiChatResponse({ ...anthropicLike, finishReason, stopSequence: '###' }, 'm').choices[0].finish_reason).toBe('stop');
    }
    expect(encodeOpenAiChatResponse({ ...anthropicLike, finishReason: 'length' }, 'm').choices[0].finish_reason).toBe('length');
    expect(encodeOpenAiChatResponse({ ...anthropicLike, finishReason: 'content_filter' }, 'm').choices[0].finish_reason).toBe('content_filter');
  });

  it('keeps content an empty string, not null, when the answer has neither text nor tool calls', () => {
    const encoded = encodeOpenAiChatResponse({ ...anthropicLike, content: [] }, 'm');
    expect(encoded.choices[0].message.content).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import type { IrMessage, IrRequest } from '../ir';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';
import { encodeAnthropicMessagesRequest } from './encode-anthropic-messages-request';

function irRequest(overrides: Partial<IrRequest> = {}): IrRequest {
  return { model: 'client-model', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false, ...overrides };
}

describe('encodeAnthropicMessagesRequest round trips of recorded requests', () => {
  it.each([
    'message-text.request.json',
    'message-parallel-tool-use.request.json',
    'message-tool-results-turn2.request.json',
    'stream-parallel-tool-use.request.json',
    'stream-thinking-tool-use.request.json',
  ])('%s → IR → Anthropic is the same body', (file) => {
    const original = fixtureJson('anthropic-messages', file);
    expect(encodeAnthropicMessagesRequest(decodeAnthropicMessagesRequest(original), original.model)).toEqual(original);
  });

  it('a request with every supported field survives Anthropic → IR → Anthropic', () => {
    const original = {
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      system: [
        { type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'More rules.' },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look', cache_control: { type: 'ephemeral', ttl: '1h' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0' }, title: 'Spec' },
            { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain words' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'thinking', thinking: 'hmm', signature: 'sig-1' },
            { type: 'tool_use', id: 'toolu_1', name: 'look', input: { q: 1 }, cache_control: { type: 'ephemeral' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              is_error: true,
              content: [
                { type: 'text', text: 'failed' },
                { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
              ],
            },
          ],
        },
      ],
      tools: [{ name: 'look', description: 'Look things up', input_schema: { type: 'object', properties: { q: { type: 'integer' } } }, cache_control: { type: 'ephemeral' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      top_p: 0.9,
      top_k: 40,
      temperature: 0.2,
      stop_sequences: ['###'],
      metadata: { user_id: 'user-42' },
      stream: true,
    };
    expect(encodeAnthropicMessagesRequest(decodeAnthropicMessagesRequest(original), original.model)).toEqual(original);
  });

  it('thinking disabled survives the round trip', () => {
    const original = { model: 'c', max_tokens: 10, thinking: { type: 'disabled' }, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] };
    expect(encodeAnthropicMessagesRequest(decodeAnthropicMessagesRequest(original), 'c')).toEqual(original);
  });

  it('uses the provider model, not the name the client asked for', () => {
    expect(encodeAnthropicMessagesRequest(irRequest(), 'claude-sonnet-4-20250514').model).toBe('claude-sonnet-4-20250514');
  });
});

describe('encodeAnthropicMessagesRequest turn structure', () => {
  it('merges consecutive same-role messages into strictly alternating turns, tool results first', () => {
    const messages: IrMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Add and multiply' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'tool-call', id: 'call_a', name: 'add', arguments: { a: 2 } }] },
      { role: 'assistant', content: [{ type: 'tool-call', id: 'call_m', name: 'multiply', arguments: '{"a":3}' }] },
      { role: 'user', content: [{ type: 'text', text: 'and then?' }] },
      { role: 'user', content: [{ type: 'tool-result', toolCallId: 'call_a', content: [{ type: 'text', text: '5' }] }] },
      { role: 'user', content: [{ type: 'tool-result', toolCallId: 'call_m', content: [{ type: 'text', text: '6' }] }] },
    ];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages }), 'c').messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Add and multiply' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'call_a', name: 'add', input: { a: 2 } },
          { type: 'tool_use', id: 'call_m', name: 'multiply', input: { a: 3 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_a', content: [{ type: 'text', text: '5' }] },
          { type: 'tool_result', tool_use_id: 'call_m', content: [{ type: 'text', text: '6' }] },
          { type: 'text', text: 'and then?' },
        ],
      },
    ]);
  });

  it('a turn left empty after drops disappears, and its neighbours merge', () => {
    const messages: IrMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'one' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned' }] },
      { role: 'user', content: [{ type: 'text', text: 'two' }] },
    ];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages }), 'c').messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'one' }, { type: 'text', text: 'two' }] },
    ]);
  });

  it('tool ids Anthropic would reject are rewritten the same way on both ends of the pair', () => {
    const messages: IrMessage[] = [
      { role: 'assistant', content: [{ type: 'tool-call', id: 'functions.add:0', name: 'add', arguments: {} }] },
      { role: 'user', content: [{ type: 'tool-result', toolCallId: 'functions.add:0', content: [] }] },
    ];
    const encoded = encodeAnthropicMessagesRequest(irRequest({ messages }), 'c').messages;
    expect(encoded[0].content).toEqual([{ type: 'tool_use', id: 'functions_add_0', name: 'add', input: {} }]);
    expect(encoded[1].content).toEqual([{ type: 'tool_result', tool_use_id: 'functions_add_0' }]);
  });

  it('data: URLs from OpenAI clients become base64 sources with their media type', () => {
    const messages: IrMessage[] = [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'data:image/webp;base64,UklGR' } }] }];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages }), 'c').messages[0].content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklGR' } },
    ]);
  });

  it('an OpenAI tool without parameters still gets an object input_schema', () => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ tools: [{ name: 'now', parameters: {} }] }), 'c');
    expect(encoded.tools).toEqual([{ name: 'now', input_schema: { type: 'object' } }]);
  });
});

describe('encodeAnthropicMessagesRequest tool choice', () => {
  const tools = [{ name: 'add', parameters: { type: 'object' } }];
  it.each([
    [{ type: 'auto' }, undefined, { type: 'auto' }],
    [{ type: 'required' }, false, { type: 'any', disable_parallel_tool_use: true }],
    [{ type: 'tool', name: 'add' }, true, { type: 'tool', name: 'add', disable_parallel_tool_use: false }],
    [{ type: 'none' }, false, { type: 'none' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
  ] as const)('toolChoice %j with parallelToolCalls %j → %j', (toolChoice, parallelToolCalls, expected) => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ tools, toolChoice, parallelToolCalls }), 'c');
    expect(encoded.tool_choice).toEqual(expected);
  });

  it('no tools, no tool_choice (Anthropic rejects one without the other)', () => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ toolChoice: { type: 'required' } }), 'c');
    expect(encoded).not.toHaveProperty('tool_choice');
    expect(encoded).not.toHaveProperty('tools');
  });
});

describe('encodeAnthropicMessagesRequest reasoning and max_tokens', () => {
  it('max_tokens is always sent: 4096 when the IR has none', () => {
    expect(encodeAnthropicMessagesRequest(irRequest(), 'c').max_tokens).toBe(4096);
  });

  it.each([
    ['low', 1024],
    ['medium', 8192],
    ['high', 24576],
    ['xhigh', 32768],
  ] as const)('effort %s → budget_tokens %d, max_tokens raised above it', (effort, budget) => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ reasoning: { effort }, maxOutputTokens: 1000 }), 'c');
    expect(encoded.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
    expect(encoded.max_tokens).toBe(budget + 4096);
  });

  it.each(['minimal', 'none'] as const)('effort %s → thinking disabled', (effort) => {
    expect(encodeAnthropicMessagesRequest(irRequest({ reasoning: { effort } }), 'c').thinking).toEqual({ type: 'disabled' });
  });

  it('a max_tokens already above the budget is kept', () => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ reasoning: { enabled: true, budgetTokens: 2000 }, maxOutputTokens: 16000 }), 'c');
    expect(encoded).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 2000 }, max_tokens: 16000 });
  });

  it('a Gemini budget below Anthropic’s minimum is raised to 1024; budget 0 disables thinking', () => {
    expect(encodeAnthropicMessagesRequest(irRequest({ reasoning: { budgetTokens: 128, includeThoughts: true } }), 'c').thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
    expect(encodeAnthropicMessagesRequest(irRequest({ reasoning: { budgetTokens: 0 } }), 'c').thinking).toEqual({ type: 'disabled' });
    expect(encodeAnthropicMessagesRequest(irRequest({ reasoning: { budgetTokens: -1 } }), 'c').thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
  });

  it('with thinking on, temperature, top_k and a low top_p are left out (Anthropic rejects them)', () => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ reasoning: { effort: 'low' }, temperature: 0.5, topK: 5, topP: 0.5 }), 'c');
    expect(encoded).not.toHaveProperty('temperature');
    expect(encoded).not.toHaveProperty('top_k');
    expect(encoded).not.toHaveProperty('top_p');
    const allowed = encodeAnthropicMessagesRequest(irRequest({ reasoning: { effort: 'low' }, temperature: 1, topP: 0.97 }), 'c');
    expect(allowed).toMatchObject({ temperature: 1, top_p: 0.97 });
  });

  it('a forced tool choice wins over thinking', () => {
    const encoded = encodeAnthropicMessagesRequest(
      irRequest({ reasoning: { effort: 'high' }, tools: [{ name: 'add', parameters: { type: 'object' } }], toolChoice: { type: 'required' } }),
      'c',
    );
    expect(encoded).not.toHaveProperty('thinking');
    expect(encoded.max_tokens).toBe(4096);
  });

  it('thinking is left out when continuing a tool turn that has no signed thinking (history from another provider)', () => {
    const messages: IrMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Add' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'from OpenAI, unsigned' }, { type: 'tool-call', id: 'call_1', name: 'add', arguments: {} }] },
      { role: 'user', content: [{ type: 'tool-result', toolCallId: 'call_1', content: [{ type: 'text', text: '5' }] }] },
    ];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages, reasoning: { effort: 'medium' } }), 'c')).not.toHaveProperty('thinking');
    const signed: IrMessage[] = [messages[0], { role: 'assistant', content: [{ type: 'reasoning', text: 't', signature: 's' }, messages[1].content[1]] }, messages[2]];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages: signed, reasoning: { effort: 'medium' } }), 'c').thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
  });

  it('temperature above Anthropic’s maximum of 1 is clamped', () => {
    expect(encodeAnthropicMessagesRequest(irRequest({ temperature: 1.7 }), 'c').temperature).toBe(1);
  });
});

describe('encodeAnthropicMessagesRequest drops on purpose', () => {
  it('seed, penalties, candidate count, include-usage and response format have no Anthropic equivalent', () => {
    const encoded = encodeAnthropicMessagesRequest(
      irRequest({
        seed: 7,
        presencePenalty: 0.5,
        frequencyPenalty: 0.5,
        candidateCount: 2,
        includeUsage: true,
        responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' }, strict: true },
      }),
      'c',
    );
    expect(Object.keys(encoded).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('json_object response format is dropped too', () => {
    expect(Object.keys(encodeAnthropicMessagesRequest(irRequest({ responseFormat: { type: 'json_object' } }), 'c')).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('OpenAI metadata other than the user has no Anthropic field', () => {
    expect(encodeAnthropicMessagesRequest(irRequest({ metadata: { team: 'a' }, user: 'u1' }), 'c').metadata).toEqual({ user_id: 'u1' });
  });

  it('tool strict is dropped (model-dependent in Anthropic)', () => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ tools: [{ name: 'add', parameters: { type: 'object' }, strict: true }] }), 'c');
    expect(encoded.tools?.[0]).not.toHaveProperty('strict');
  });

  it('the system/developer distinction of OpenAI is dropped', () => {
    const encoded = encodeAnthropicMessagesRequest(irRequest({ system: [{ type: 'text', text: 'dev rules', role: 'developer' }] }), 'c');
    expect(encoded.system).toEqual([{ type: 'text', text: 'dev rules' }]);
  });

  it('reasoning without signature is dropped from assistant turns (Anthropic rejects unsigned thinking)', () => {
    const messages: IrMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'unsigned thought' }, { type: 'text', text: 'answer' }] },
    ];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages }), 'c').messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'answer' }] });
  });

  it('a Gemini signature on a tool call is never sent, and never as a thinking block', () => {
    const messages: IrMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'calling', signature: 'gemini-text-signature' },
          { type: 'tool-call', id: 'call_1', name: 'add', arguments: { a: 1 }, signature: 'gemini-thought-signature' },
        ],
      },
    ];
    const encoded = encodeAnthropicMessagesRequest(irRequest({ messages }), 'c');
    expect(JSON.stringify(encoded)).not.toContain('gemini-');
    expect(encoded.messages[1].content).toEqual([
      { type: 'text', text: 'calling' },
      { type: 'tool_use', id: 'call_1', name: 'add', input: { a: 1 } },
    ]);
  });

  it('OpenAI image detail is dropped', () => {
    const messages: IrMessage[] = [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' }, detail: 'high' }] }];
    expect(encodeAnthropicMessagesRequest(irRequest({ messages }), 'c').messages[0].content).toEqual([{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }]);
  });
});

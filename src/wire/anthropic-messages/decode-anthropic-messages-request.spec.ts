import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { WireValidationError } from '../ir';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request';

const ADD_MULTIPLY_TOOLS = [
  {
    name: 'add',
    description: 'Add two numbers',
    parameters: {
      properties: { a: { description: 'first number', type: 'integer' }, b: { description: 'second number', type: 'integer' } },
      required: ['a', 'b'],
      type: 'object',
    },
  },
  {
    name: 'multiply',
    description: 'Multiply two numbers',
    parameters: {
      properties: { a: { description: 'first number', type: 'integer' }, b: { description: 'second number', type: 'integer' } },
      required: ['a', 'b'],
      type: 'object',
    },
  },
];

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WireValidationError) return error.field;
    throw error;
  }
  throw new Error('expected a WireValidationError');
}

describe('decodeAnthropicMessagesRequest on recorded requests', () => {
  it('message-text.request.json: system blocks, one user text block, max_tokens', () => {
    expect(decodeAnthropicMessagesRequest(fixtureJson('anthropic-messages', 'message-text.request.json'))).toEqual({
      model: 'claude-sonnet-4-20250514',
      system: [{ type: 'text', text: 'You are a helpful assistant' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hi in Portuguese' }] }],
      maxOutputTokens: 4000,
      stream: false,
    });
  });

  it('message-parallel-tool-use.request.json: tools, tool_choice auto, parallel tool calls on', () => {
    const request = decodeAnthropicMessagesRequest(fixtureJson('anthropic-messages', 'message-parallel-tool-use.request.json'));
    expect(request.tools).toEqual(ADD_MULTIPLY_TOOLS);
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(request.parallelToolCalls).toBe(true);
    expect(request.system[0].text).toContain('CRITICAL: Always use both add and multiply');
  });

  it('message-tool-results-turn2.request.json: assistant tool_use echoed, two tool results with the tool names', () => {
    const request = decodeAnthropicMessagesRequest(fixtureJson('anthropic-messages', 'message-tool-results-turn2.request.json'));
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Add and multiply the number 2 and 3' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: "I'll add and multiply the numbers 2 and 3 for you." },
          { type: 'tool-call', id: 'toolu_01StBeRxDEwsqcc3arbDgpS9', name: 'add', arguments: { a: 2, b: 3 } },
          { type: 'tool-call', id: 'toolu_01AC6WQhj2iRkdYHgTAGMpVQ', name: 'multiply', arguments: { a: 2, b: 3 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool-result', toolCallId: 'toolu_01StBeRxDEwsqcc3arbDgpS9', toolName: 'add', content: [{ type: 'text', text: '5' }] },
          { type: 'tool-result', toolCallId: 'toolu_01AC6WQhj2iRkdYHgTAGMpVQ', toolName: 'multiply', content: [{ type: 'text', text: '6' }] },
        ],
      },
    ]);
  });

  it('stream-parallel-tool-use.request.json: stream true', () => {
    const request = decodeAnthropicMessagesRequest(fixtureJson('anthropic-messages', 'stream-parallel-tool-use.request.json'));
    expect(request.stream).toBe(true);
    expect(request.tools?.map((tool) => tool.name)).toEqual(['add', 'multiply']);
  });

  it('stream-thinking-tool-use.request.json: thinking budget 4000 becomes reasoning with budget and nearest effort', () => {
    const request = decodeAnthropicMessagesRequest(fixtureJson('anthropic-messages', 'stream-thinking-tool-use.request.json'));
    expect(request.reasoning).toEqual({ enabled: true, budgetTokens: 4000, effort: 'low' });
    expect(request.maxOutputTokens).toBe(4096);
    expect(request.tools).toEqual([
      {
        name: 'weather',
        description: 'Get weather information for a location',
        parameters: { properties: { location: { description: 'the city', type: 'string' } }, required: ['location'], type: 'object' },
      },
    ]);
  });
});

describe('decodeAnthropicMessagesRequest content and parameters', () => {
  it('decodes every block kind with cache_control, media types and signatures kept', () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'claude',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look', cache_control: { type: 'ephemeral', ttl: '1h' }, citations: [{ type: 'char_location' }] },
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
            { type: 'thinking', thinking: 'hmm', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'tool_use', id: 'toolu_1', name: 'look', input: { q: 1 } },
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
    });
    expect(request.system).toEqual([{ type: 'text', text: 'Be brief.' }]);
    expect(request.messages[0].content).toEqual([
      { type: 'text', text: 'Look', cacheControl: { type: 'ephemeral', ttl: '1h' } },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' } },
      { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0' }, title: 'Spec' },
      { type: 'document', source: { kind: 'url', url: 'https://example.com/a.pdf' } },
      { type: 'document', source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from('plain words').toString('base64') } },
    ]);
    expect(request.messages[1].content).toEqual([
      { type: 'reasoning', text: 'hmm', signature: 'sig-1' },
      { type: 'reasoning', text: '', redactedData: 'opaque' },
      { type: 'tool-call', id: 'toolu_1', name: 'look', arguments: { q: 1 } },
    ]);
    expect(request.messages[2].content).toEqual([
      {
        type: 'tool-result',
        toolCallId: 'toolu_1',
        toolName: 'look',
        isError: true,
        content: [
          { type: 'text', text: 'failed' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
        ],
      },
    ]);
  });

  it('a document with a content source keeps its text as a plain-text document', () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'c',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'content', content: [{ type: 'image', source: { type: 'url', url: 'u' } }, { type: 'text', text: 'a' }, { type: 'text', text: 'b' }] } },
            { type: 'document', source: { type: 'content', content: 'whole' } },
          ],
        },
      ],
    });
    const texts = request.messages[0].content.map((part) => (part.type === 'document' && part.source.kind === 'base64' ? Buffer.from(part.source.data, 'base64').toString() : part.type));
    expect(texts).toEqual(['a\nb', 'whole']);
  });

  it('maps sampling parameters, stop sequences and metadata.user_id', () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'claude',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      stop_sequences: ['###'],
      metadata: { user_id: 'user-42' },
      stream: true,
    });
    expect(request).toMatchObject({ temperature: 0.3, topP: 0.9, topK: 40, stopSequences: ['###'], user: 'user-42', stream: true, maxOutputTokens: 50 });
  });

  it.each([
    [{ type: 'any' }, { type: 'required' }],
    [{ type: 'none' }, { type: 'none' }],
    [{ type: 'tool', name: 'add' }, { type: 'tool', name: 'add' }],
  ])('tool_choice %j → %j', (toolChoice, expected) => {
    expect(decodeAnthropicMessagesRequest({ model: 'c', messages: [], tool_choice: toolChoice }).toolChoice).toEqual(expected);
  });

  it('disable_parallel_tool_use: true → parallelToolCalls false', () => {
    const request = decodeAnthropicMessagesRequest({ model: 'c', messages: [], tool_choice: { type: 'any', disable_parallel_tool_use: true } });
    expect(request.parallelToolCalls).toBe(false);
  });

  it('thinking disabled, adaptive, and output_config effort and format', () => {
    expect(decodeAnthropicMessagesRequest({ model: 'c', messages: [], thinking: { type: 'disabled' } }).reasoning).toEqual({ enabled: false });
    expect(decodeAnthropicMessagesRequest({ model: 'c', messages: [], thinking: { type: 'adaptive' } }).reasoning).toEqual({ enabled: true });
    const withConfig = decodeAnthropicMessagesRequest({
      model: 'c',
      messages: [],
      thinking: { type: 'adaptive' },
      output_config: { effort: 'max', format: { type: 'json_schema', schema: { type: 'object' } } },
    });
    expect(withConfig.reasoning).toEqual({ enabled: true, effort: 'xhigh' });
    expect(withConfig.responseFormat).toEqual({ type: 'json_schema', schema: { type: 'object' } });
  });

  it('messages with role system join the system instructions in order', () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'c',
      system: 'first',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'second' }] },
      ],
    });
    expect(request.system.map((part) => part.text)).toEqual(['first', 'second']);
    expect(request.messages).toHaveLength(1);
  });

  it('drops on purpose what the IR cannot carry: server tools, server-tool blocks, Files API sources', () => {
    const request = decodeAnthropicMessagesRequest({
      model: 'c',
      tools: [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        { name: 'add', input_schema: { type: 'object' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'file', file_id: 'file_1' } },
            { type: 'search_result', source: 'x', title: 't', content: [] },
            { type: 'text', text: 'kept' },
          ],
        },
        { role: 'assistant', content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }] },
      ],
    });
    expect(request.tools).toEqual([{ name: 'add', parameters: { type: 'object' } }]);
    expect(request.messages[0].content).toEqual([{ type: 'text', text: 'kept' }]);
    expect(request.messages[1].content).toEqual([]);
  });

  it('ignores unknown fields instead of rejecting them', () => {
    expect(() =>
      decodeAnthropicMessagesRequest({ model: 'c', messages: [{ role: 'user', content: 'x', extra: 1 }], service_tier: 'auto', container: 'abc' }),
    ).not.toThrow();
  });
});

describe('decodeAnthropicMessagesRequest validation', () => {
  it.each([
    [null, 'body'],
    [{ messages: [] }, 'model'],
    [{ model: 'c' }, 'messages'],
    [{ model: 'c', messages: [null] }, 'messages[0]'],
    [{ model: 'c', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'c', messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }, { role: 'user', content: 42 }] }, 'messages[2].content'],
    [{ model: 'c', messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'messages[0].content[0].text'],
    [{ model: 'c', messages: [{ role: 'user', content: [{ text: 'no type' }] }] }, 'messages[0].content[0].type'],
    [{ model: 'c', messages: [{ role: 'user', content: [{ type: 'image', source: null }] }] }, 'messages[0].content[0].source'],
    [{ model: 'c', messages: [{ role: 'assistant', content: [{ type: 'tool_use', name: 'x', input: {} }] }] }, 'messages[0].content[0].id'],
    [{ model: 'c', messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 7 }] }] }, 'messages[0].content[0].content'],
    [{ model: 'c', messages: [], max_tokens: 'many' }, 'max_tokens'],
    [{ model: 'c', messages: [], max_tokens: 0 }, 'max_tokens'],
    [{ model: 'c', messages: [], temperature: '0.5' }, 'temperature'],
    [{ model: 'c', messages: [], stop_sequences: ['ok', 3] }, 'stop_sequences[1]'],
    [{ model: 'c', messages: [], system: [{ type: 'image' }] }, 'system[0].type'],
    [{ model: 'c', messages: [], tools: [{ name: 'x' }] }, 'tools[0].input_schema'],
    [{ model: 'c', messages: [], tool_choice: { type: 'sometimes' } }, 'tool_choice.type'],
    [{ model: 'c', messages: [], tool_choice: { type: 'tool' } }, 'tool_choice.name'],
    [{ model: 'c', messages: [], thinking: { type: 'enabled' } }, 'thinking.budget_tokens'],
    [{ model: 'c', messages: [], metadata: { user_id: 12 } }, 'metadata.user_id'],
  ])('%j is rejected naming %s', (body, field) => {
    expect(fieldOf(() => decodeAnthropicMessagesRequest(body))).toBe(field);
  });

  it('the message says what is wrong', () => {
    expect(() => decodeAnthropicMessagesRequest({ model: 'c', messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: null }] })).toThrow(
      'messages[2].content: must be a string or an array of content blocks',
    );
  });

  it('never throws anything but WireValidationError, whatever JSON arrives', () => {
    const block = fc.record(
      { type: fc.constantFrom('text', 'image', 'document', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'other'), text: fc.jsonValue(), source: fc.jsonValue(), id: fc.jsonValue(), name: fc.jsonValue(), content: fc.jsonValue(), tool_use_id: fc.jsonValue(), thinking: fc.jsonValue(), data: fc.jsonValue() },
      { requiredKeys: ['type'] },
    );
    const body = fc.record({
      model: fc.oneof(fc.string(), fc.jsonValue()),
      messages: fc.oneof(fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system', 'x'), content: fc.oneof(fc.string(), fc.array(block), fc.jsonValue()) })), fc.jsonValue()),
      system: fc.jsonValue(),
      tools: fc.jsonValue(),
      tool_choice: fc.jsonValue(),
      thinking: fc.jsonValue(),
      output_config: fc.jsonValue(),
      metadata: fc.jsonValue(),
      max_tokens: fc.jsonValue(),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(body, fc.jsonValue()), (value) => {
        try {
          decodeAnthropicMessagesRequest(value);
        } catch (error) {
          if (!(error instanceof WireValidationError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});

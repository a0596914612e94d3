import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { WireValidationError } from '../ir';
import { decodeOpenAiChatRequest } from './decode-openai-chat-request';

const ADD_TOOL = {
  name: 'add',
  description: 'Add two numbers',
  strict: false,
  parameters: {
    properties: { a: { description: 'first number', type: 'integer' }, b: { description: 'second number', type: 'integer' } },
    required: ['a', 'b'],
    type: 'object',
  },
};

describe('decodeOpenAiChatRequest on recorded requests', () => {
  it('chat-text.request.json: system instruction, user text, max_tokens', () => {
    expect(decodeOpenAiChatRequest(fixtureJson('openai-chat', 'chat-text.request.json'))).toEqual({
      model: 'gpt-4o',
      system: [{ type: 'text', text: 'You are a helpful assistant', role: 'system' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Say hi in Portuguese' }] }],
      maxOutputTokens: 4000,
      stream: false,
    });
  });

  it('chat-parallel-tool-calls.request.json: both function tools and tool_choice auto', () => {
    const request = decodeOpenAiChatRequest(fixtureJson('openai-chat', 'chat-parallel-tool-calls.request.json'));
    expect(request.tools).toEqual([ADD_TOOL, { ...ADD_TOOL, name: 'multiply', description: 'Multiply two numbers' }]);
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(request.system[0].text).toBe('You are a helpful assistant. CRITICAL: Always use both add and multiply at the same time ALWAYS.');
  });

  it('chat-tool-results-turn2.request.json: assistant calls with parsed arguments, both results in one user turn', () => {
    const request = decodeOpenAiChatRequest(fixtureJson('openai-chat', 'chat-tool-results-turn2.request.json'));
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Add and multiply the number 2 and 3' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', id: 'call_fifE5poZ3dg3JDUKGFi48NGq', name: 'add', arguments: { a: 2, b: 3 } },
          { type: 'tool-call', id: 'call_cvvIly4eGLZUYOMhAviT8jAF', name: 'multiply', arguments: { a: 2, b: 3 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool-result', toolCallId: 'call_fifE5poZ3dg3JDUKGFi48NGq', toolName: 'add', content: [{ type: 'text', text: '5' }] },
          { type: 'tool-result', toolCallId: 'call_cvvIly4eGLZUYOMhAviT8jAF', toolName: 'multiply', content: [{ type: 'text', text: '6' }] },
        ],
      },
    ]);
  });

  it('chat-reasoning-tokens.request.json: reasoning_effort low', () => {
    const request = decodeOpenAiChatRequest(fixtureJson('openai-chat', 'chat-reasoning-tokens.request.json'));
    expect(request).toMatchObject({ model: 'gpt-5-nano', reasoning: { effort: 'low' } });
    expect(request.reasoning?.budgetTokens).toBeUndefined();
  });

  it('stream-text.request.json and stream-parallel-tool-calls.request.json: stream with include_usage', () => {
    expect(decodeOpenAiChatRequest(fixtureJson('openai-chat', 'stream-text.request.json'))).toMatchObject({ stream: true, includeUsage: true });
    const tools = decodeOpenAiChatRequest(fixtureJson('openai-chat', 'stream-parallel-tool-calls.request.json'));
    expect(tools).toMatchObject({ stream: true, includeUsage: true, toolChoice: { type: 'auto' } });
    expect(tools.tools?.map((tool) => tool.name)).toEqual(['add', 'multiply']);
  });
});

describe('decodeOpenAiChatRequest: every field OpenAI Chat can say', () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const body = {
    model: 'gpt-4.1',
    messages: [
      { role: 'developer', content: 'Be terse.' },
      { role: 'system', content: [{ type: 'text', text: 'Cite sources.', cache_control: { type: 'ephemeral' } }] },
      {
        role: 'user',
        name: 'ana',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
          { type: 'file', file: { filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQ=' } },
        ],
      },
      {
        role: 'assistant',
        reasoning_content: 'They want a description.',
        content: 'A cat.',
        refusal: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: 'felis catus' }] },
    ],
    tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true } }],
    tool_choice: { type: 'function', function: { name: 'lookup' } },
    parallel_tool_calls: false,
    max_completion_tokens: 500,
    max_tokens: 9999,
    temperature: 0.2,
    top_p: 0.9,
    stop: '###',
    seed: 42,
    presence_penalty: 0.5,
    frequency_penalty: -0.5,
    n: 2,
    response_format: { type: 'json_schema', json_schema: { name: 'answer', description: 'the answer', schema: { type: 'object' }, strict: true } },
    reasoning_effort: 'high',
    user: 'user-123',
    metadata: { team: 'search' },
    stream: true,
    stream_options: { include_usage: false },
    logprobs: true,
    service_tier: 'flex',
    some_future_field: { anything: [1, 2] },
  };

  it('decodes messages, content parts, tools and parameters', () => {
    expect(decodeOpenAiChatRequest(body)).toEqual({
      model: 'gpt-4.1',
      system: [
        { type: 'text', text: 'Be terse.', role: 'developer' },
        { type: 'text', text: 'Cite sources.', role: 'system', cacheControl: { type: 'ephemeral' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg' }, detail: 'high' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: png } },
            { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQ=' }, title: 'spec.pdf' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'They want a description.' },
            { type: 'text', text: 'A cat.' },
            { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: { q: 'cat' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'lookup', content: [{ type: 'text', text: 'felis catus' }] }] },
      ],
      tools: [{ name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true }],
      toolChoice: { type: 'tool', name: 'lookup' },
      parallelToolCalls: false,
      maxOutputTokens: 500,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['###'],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      candidateCount: 2,
      responseFormat: { type: 'json_schema', name: 'answer', description: 'the answer', schema: { type: 'object' }, strict: true },
      reasoning: { effort: 'high' },
      user: 'user-123',
      metadata: { team: 'search' },
      stream: true,
      includeUsage: false,
    });
  });

  it('prefers max_completion_tokens over the deprecated max_tokens', () => {
    expect(decodeOpenAiChatRequest(body).maxOutputTokens).toBe(500);
    expect(decodeOpenAiChatRequest({ ...body, max_completion_tokens: null }).maxOutputTokens).toBe(9999);
  });

  it('reads OpenRouter-style reasoning and vLLM-style top_k and bare image_url strings', () => {
    const request = decodeOpenAiChatRequest({
      model: 'm',
      top_k: 40,
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: 'https://example.com/a.png' }] },
        { role: 'assistant', reasoning: 'hmm', content: 'ok' },
      ],
    });
    expect(request.topK).toBe(40);
    expect(request.messages[0].content[0]).toEqual({ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } });
    expect(request.messages[1].content[0]).toEqual({ type: 'reasoning', text: 'hmm' });
  });

  it('keeps a refusal in assistant history as text, and skips empty content beside tool calls', () => {
    const request = decodeOpenAiChatRequest({
      model: 'm',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
        { role: 'assistant', content: '', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] },
      ],
    });
    expect(request.messages[1].content).toEqual([{ type: 'text', text: 'No.' }]);
    expect(request.messages[2].content).toEqual([{ type: 'tool-call', id: 'c', name: 'f', arguments: {} }]);
  });

  it('keeps tool-call arguments that are not a JSON object as the raw string', () => {
    const request = decodeOpenAiChatRequest({
      model: 'm',
      messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a": 1' } }] }],
    });
    expect(request.messages[0].content[0]).toMatchObject({ arguments: '{"a": 1' });
  });

  it('maps reasoning_effort none to reasoning disabled and max to xhigh', () => {
    expect(decodeOpenAiChatRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'none' }).reasoning).toEqual({
      effort: 'none',
      enabled: false,
    });
    expect(decodeOpenAiChatRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'max' }).reasoning).toEqual({
      effort: 'xhigh',
    });
  });

  it('drops a message name on purpose: the IR has no participant names', () => {
    const request = decodeOpenAiChatRequest({ model: 'm', messages: [{ role: 'user', name: 'ana', content: 'hi' }] });
    expect(JSON.stringify(request)).not.toContain('ana');
  });

  it('moves a system message from mid-conversation to the instructions, in order', () => {
    const request = decodeOpenAiChatRequest({
      model: 'm',
      messages: [
        { role: 'system', content: 'first' },
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'second' },
        { role: 'user', content: 'again' },
      ],
    });
    expect(request.system.map((part) => part.text)).toEqual(['first', 'second']);
    expect(request.messages.map((message) => message.content)).toEqual([[{ type: 'text', text: 'hi' }], [{ type: 'text', text: 'again' }]]);
  });

  it('keeps tool results of separate runs in separate user turns', () => {
    const call = (id: string) => ({ role: 'assistant', tool_calls: [{ id, type: 'function', function: { name: 'f', arguments: '{}' } }] });
    const request = decodeOpenAiChatRequest({
      model: 'm',
      messages: [call('a'), { role: 'tool', tool_call_id: 'a', content: '1' }, call('b'), { role: 'tool', tool_call_id: 'b', content: '2' }],
    });
    expect(request.messages.map((message) => message.role)).toEqual(['assistant', 'user', 'assistant', 'user']);
  });
});

describe('decodeOpenAiChatRequest rejects bad bodies naming the field', () => {
  const user = { role: 'user', content: 'hi' };
  const cases: Array<[string, unknown, string]> = [
    ['a non-object body', null, 'body: must be an object'],
    ['a missing model', { messages: [user] }, 'model: must be a string'],
    ['an empty model', { model: '', messages: [user] }, 'model: must not be empty'],
    ['messages that are not an array', { model: 'm', messages: 'hi' }, 'messages: must be an array'],
    ['no messages', { model: 'm', messages: [] }, 'messages: must contain at least one message'],
    ['a null message', { model: 'm', messages: [user, null] }, 'messages[1]: must be an object'],
    ['a numeric role', { model: 'm', messages: [{ role: 1, content: 'x' }] }, 'messages[0].role: must be a string'],
    ['an unknown role', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role: unknown role "robot"'],
    ['the legacy function role', { model: 'm', messages: [user, { role: 'function', name: 'f', content: '1' }] }, 'messages[1].role: the legacy "function" role'],
    [
      'content that is a number',
      { model: 'm', messages: [user, user, { role: 'user', content: 42 }] },
      'messages[2].content: must be a string or an array of content parts',
    ],
    ['a content part that is null', { model: 'm', messages: [{ role: 'user', content: [null] }] }, 'messages[0].content[0]: must be an object'],
    ['text that is not a string', { model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'messages[0].content[0].text: must be a string'],
    ['an unknown part type', { model: 'm', messages: [{ role: 'user', content: [{ type: 'video' }] }] }, 'messages[0].content[0].type: unsupported content part type "video"'],
    ['an image without url', { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }, 'messages[0].content[0].image_url.url: must be a string'],
    [
      'a data URL without base64',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }] }] },
      'messages[0].content[0].image_url.url: a data URL must be base64-encoded',
    ],
    [
      'input audio',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }] }] },
      'messages[0].content[0]: input_audio parts are not supported',
    ],
    [
      'an uploaded file id',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file-abc' } }] }] },
      'messages[0].content[0].file.file_id: uploaded OpenAI files cannot be translated',
    ],
    ['an image in a system message', { model: 'm', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }] }, 'messages[0].content[0].type: system messages take text parts only'],
    ['a tool message without tool_call_id', { model: 'm', messages: [{ role: 'tool', content: '1' }] }, 'messages[0].tool_call_id: must be a string'],
    ['a tool call without function', { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function' }] }] }, 'messages[0].tool_calls[0].function: must be an object'],
    ['a custom tool call', { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'custom', custom: {} }] }] }, 'messages[0].tool_calls[0].type: unsupported tool call type "custom"'],
    ['an assistant function_call', { model: 'm', messages: [{ role: 'assistant', function_call: { name: 'f', arguments: '{}' } }] }, 'messages[0].function_call: legacy function calls'],
    ['tools that are an object', { model: 'm', messages: [user], tools: {} }, 'tools: must be an array'],
    ['a tool name that is a number', { model: 'm', messages: [user], tools: [{ type: 'function', function: { name: 3 } }] }, 'tools[0].function.name: must be a string'],
    ['a custom tool', { model: 'm', messages: [user], tools: [{ type: 'custom', custom: { name: 'x' } }] }, 'tools[0].type: unsupported tool type "custom"'],
    ['an unknown tool_choice', { model: 'm', messages: [user], tool_choice: 'sometimes' }, 'tool_choice: unknown value "sometimes"'],
    ['allowed_tools', { model: 'm', messages: [user], tool_choice: { type: 'allowed_tools', allowed_tools: {} } }, 'tool_choice.type: only {"type": "function"'],
    ['a string temperature', { model: 'm', messages: [user], temperature: '0.5' }, 'temperature: must be a number'],
    ['a non-string stop entry', { model: 'm', messages: [user], stop: ['a', 1] }, 'stop[1]: must be a string'],
    ['an unknown response format', { model: 'm', messages: [user], response_format: { type: 'xml' } }, 'response_format.type: unknown type "xml"'],
    ['a json_schema without name', { model: 'm', messages: [user], response_format: { type: 'json_schema', json_schema: { schema: {} } } }, 'response_format.json_schema.name: must be a string'],
    ['an unknown reasoning effort', { model: 'm', messages: [user], reasoning_effort: 'extreme' }, 'reasoning_effort: unknown value "extreme"'],
    ['metadata with a number', { model: 'm', messages: [user], metadata: { a: 1 } }, 'metadata.a: must be a string'],
    ['a string stream flag', { model: 'm', messages: [user], stream: 'yes' }, 'stream: must be true or false'],
    ['a string include_usage', { model: 'm', messages: [user], stream_options: { include_usage: 'yes' } }, 'stream_options.include_usage: must be true or false'],
    ['legacy functions', { model: 'm', messages: [user], functions: [{ name: 'f' }] }, 'functions: legacy function calling is not supported'],
  ];

  it.each(cases)('%s', (_name, body, message) => {
    let thrown: unknown;
    try {
      decodeOpenAiChatRequest(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WireValidationError);
    expect((thrown as Error).message).toContain(message);
  });

  it('never throws anything but WireValidationError, whatever JSON sits where', () => {
    const valid = {
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'x' }, { type: 'image_url', image_url: { url: 'https://x' } }] },
        { role: 'assistant', content: 'y', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'z' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: {} } }],
      response_format: { type: 'json_schema', json_schema: { name: 'n', schema: {} } },
    };
    const paths = [
      [],
      ['model'],
      ['messages'],
      ['messages', 0],
      ['messages', 0, 'content'],
      ['messages', 0, 'content', 0],
      ['messages', 0, 'content', 1, 'image_url'],
      ['messages', 1, 'tool_calls'],
      ['messages', 1, 'tool_calls', 0, 'function'],
      ['messages', 1, 'tool_calls', 0, 'function', 'arguments'],
      ['messages', 2],
      ['messages', 2, 'content'],
      ['tools', 0],
      ['tools', 0, 'function'],
      ['tool_choice'],
      ['stop'],
      ['response_format'],
      ['response_format', 'json_schema'],
      ['metadata'],
      ['stream_options'],
      ['reasoning_effort'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const body = path.length === 0 ? value : setAt(structuredClone(valid), path, value);
        try {
          decodeOpenAiChatRequest(body);
        } catch (error) {
          if (!(error instanceof WireValidationError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown): Record<string, unknown> {
  let cursor: any = target;
  for (const key of path.slice(0, -1)) cursor = cursor[key];
  cursor[path[path.length - 1]] = value;
  return target;
}

import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { WireValidationError, type IrRequest } from '../ir';
import { decodeOpenAiChatRequest } from './decode-openai-chat-request';
import { encodeOpenAiChatRequest } from './encode-openai-chat-request';

const roundTrip = (body: Record<string, unknown>) => encodeOpenAiChatRequest(decodeOpenAiChatRequest(body), body.model as string);

/**
 * The two rewrites a round trip makes on purpose: the deprecated max_tokens goes out as
 * max_completion_tokens, and tool-call arguments are re-serialised with JSON.stringify (same
 * value, OpenAI's `{"a": 2}` spacing becomes `{"a":2}`).
 */
function asReEncoded(body: Record<string, unknown>): Record<string, unknown> {
  const { max_tokens: maxTokens, ...rest } = structuredClone(body);
  for (const message of rest.messages as Array<{ tool_calls?: Array<{ function: { arguments: string } }> }>) {
    for (const call of message.tool_calls ?? []) call.function.arguments = JSON.stringify(JSON.parse(call.function.arguments));
  }
  return maxTokens === undefined ? rest : { ...rest, max_completion_tokens: maxTokens };
}

const base: IrRequest = { model: 'client-name', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false };

describe('encodeOpenAiChatRequest round trips recorded requests (OpenAI → IR → OpenAI)', () => {
  it.each([
    'chat-text.request.json',
    'chat-parallel-tool-calls.request.json',
    'chat-tool-results-turn2.request.json',
    'chat-reasoning-tokens.request.json',
    'stream-text.request.json',
    'stream-parallel-tool-calls.request.json',
  ])('%s', (file) => {
    const body = fixtureJson<Record<string, unknown>>('openai-chat', file);
    expect(roundTrip(body)).toEqual(asReEncoded(body));
  });

  it('a request using every supported field comes back unchanged', () => {
    const body = {
      model: 'gpt-4.1',
      messages: [
        { role: 'developer', content: 'Be terse.' },
        { role: 'system', content: 'Cite sources.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
            { type: 'file', file: { filename: 'spec.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQ=' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Part one.' },
            { type: 'text', text: 'Part two.' },
          ],
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"cat","n":[1,2]}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'felis catus' },
        { role: 'user', content: 'thanks' },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'lookup', description: 'Look things up', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_completion_tokens: 500,
      temperature: 0.2,
      top_p: 0.9,
      stop: ['###', 'END'],
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      n: 2,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', description: 'd', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'minimal',
      user: 'user-123',
      metadata: { team: 'search' },
      stream: true,
      stream_options: { include_usage: true },
    };
    expect(roundTrip(body)).toEqual(body);
  });

  it('tool_choice none and a named function survive', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    for (const toolChoice of ['none', 'auto', { type: 'function', function: { name: 'f' } }]) {
      const body = { model: 'm', messages: [{ role: 'user', content: 'x' }], tools, tool_choice: toolChoice };
      expect(roundTrip(body).tool_choice).toEqual(toolChoice);
    }
  });

  it('arguments that are not JSON are sent back exactly as the client had them', () => {
    const body = {
      model: 'm',
      messages: [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"cut": "of' } }] }],
    };
    expect(roundTrip(body)).toEqual(body);
  });
});

describe('encodeOpenAiChatRequest: what changes or is dropped on purpose', () => {
  it('drops top_k: Chat Completions has no such parameter', () => {
    const body = roundTrip({ model: 'm', messages: [{ role: 'user', content: 'x' }], top_k: 40 });
    expect(body).not.toHaveProperty('top_k');
    expect(JSON.stringify(encodeOpenAiChatRequest({ ...base, topK: 40 }, 'gpt-4o'))).not.toContain('40');
  });

  it('drops assistant reasoning and its signature from history: OpenAI has no input field for them', () => {
    const body = encodeOpenAiChatRequest(
      {
        ...base,
        messages: [
          ...base.messages,
          { role: 'assistant', content: [{ type: 'reasoning', text: 'secret thoughts', signature: 'sig-123' }, { type: 'text', text: 'Hello' }] },
        ],
      },
      'gpt-4o',
    );
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'Hello' });
    expect(JSON.stringify(body)).not.toMatch(/secret thoughts|sig-123/);
  });

  it('drops cache_control: OpenAI caches on its own and has no such field', () => {
    const body = encodeOpenAiChatRequest(
      { ...base, system: [{ type: 'text', text: 'sys', cacheControl: { type: 'ephemeral' } }], messages: [{ role: 'user', content: [{ type: 'text', text: 'q', cacheControl: { type: 'ephemeral' } }] }] },
      'gpt-4o',
    );
    expect(body.messages).toEqual([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'q' },
    ]);
  });

  it('sends tool results first, drops isError, and moves result images into the user message after them', () => {
    const body = encodeOpenAiChatRequest(
      {
        ...base,
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', id: 'toolu_1', name: 'screenshot', arguments: {} },
              { type: 'tool-call', id: 'toolu_2', name: 'read', arguments: { path: '/x' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Here you go.' },
              {
                type: 'tool-result',
                toolCallId: 'toolu_1',
                content: [
                  { type: 'text', text: 'captured' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
                ],
              },
              { type: 'tool-result', toolCallId: 'toolu_2', isError: true, content: [{ type: 'text', text: 'ENOENT' }] },
            ],
          },
        ],
      },
      'gpt-4o',
    );
    expect(body.messages).toEqual([
      {
        role: 'assistant',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'screenshot', arguments: '{}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'read', arguments: '{"path":"/x"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'captured' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'ENOENT' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Here you go.' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
        ],
      },
    ]);
  });

  it('sends a plain-text document as text and refuses a document by URL with an actionable message', () => {
    const text = Buffer.from('hello doc').toString('base64');
    const body = encodeOpenAiChatRequest(
      { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { kind: 'base64', mediaType: 'text/plain', data: text } }] }] },
      'gpt-4o',
    );
    expect(body.messages[0]).toEqual({ role: 'user', content: 'hello doc' });
    expect(() =>
      encodeOpenAiChatRequest(
        { ...base, messages: [{ role: 'user', content: [{ type: 'document', source: { kind: 'url', url: 'https://x/a.pdf' } }] }] },
        'gpt-4o',
      ),
    ).toThrow(WireValidationError);
  });

  it('always asks an upstream for include_usage when streaming, even if the client did not', () => {
    expect(encodeOpenAiChatRequest({ ...base, stream: true, includeUsage: false }, 'gpt-4o')).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(encodeOpenAiChatRequest(base, 'gpt-4o')).not.toHaveProperty('stream_options');
  });

  it('leaves out tool_choice and parallel_tool_calls without tools, which OpenAI would reject', () => {
    const body = encodeOpenAiChatRequest({ ...base, toolChoice: { type: 'auto' }, parallelToolCalls: true }, 'gpt-4o');
    expect(body).not.toHaveProperty('tool_choice');
    expect(body).not.toHaveProperty('parallel_tool_calls');
  });

  it('uses the provider model, not the name the client asked for', () => {
    expect(encodeOpenAiChatRequest(base, 'gpt-4o-2024-08-06').model).toBe('gpt-4o-2024-08-06');
  });

  it('maps a thinking budget (Anthropic, Gemini) to reasoning_effort by the documented thresholds', () => {
    const effortFor = (reasoning: IrRequest['reasoning']) => encodeOpenAiChatRequest({ ...base, reasoning }, 'o3').reasoning_effort;
    expect(effortFor({ budgetTokens: 1024 })).toBe('low');
    expect(effortFor({ budgetTokens: 1025 })).toBe('medium');
    expect(effortFor({ budgetTokens: 8192 })).toBe('medium');
    expect(effortFor({ budgetTokens: 8193 })).toBe('high');
    expect(effortFor({ budgetTokens: 32000 })).toBe('high');
    expect(effortFor({ effort: 'low', budgetTokens: 32000 })).toBe('low');
    expect(effortFor({ enabled: false, budgetTokens: 0 })).toBeUndefined();
    expect(effortFor({ budgetTokens: -1 })).toBeUndefined();
  });

  it('drops max on the way in: the IR knows xhigh as the strongest effort', () => {
    expect(roundTrip({ model: 'm', messages: [{ role: 'user', content: 'x' }], reasoning_effort: 'max' }).reasoning_effort).toBe('xhigh');
  });

  it('gives a json_schema from a format without schema names a neutral name', () => {
    const body = encodeOpenAiChatRequest({ ...base, responseFormat: { type: 'json_schema', schema: { type: 'object' } } }, 'gpt-4o');
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } });
  });

  it('turns a system message from mid-conversation into a leading one (the IR keeps instructions apart)', () => {
    const body = roundTrip({
      model: 'm',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'late rule' },
      ],
    });
    expect(body.messages).toEqual([
      { role: 'system', content: 'late rule' },
      { role: 'user', content: 'hi' },
    ]);
  });

  it('sends a refusal from history as assistant text (the IR has no refusal flag)', () => {
    const body = roundTrip({ model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null, refusal: 'No.' }] });
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'No.' });
  });
});

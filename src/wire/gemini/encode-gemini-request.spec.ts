import { describe, expect, it } from 'vitest';
import { WireValidationError, type IrRequest } from '../ir';
import { SKIP_THOUGHT_SIGNATURE } from './encode-gemini-contents';
import { encodeGeminiRequest } from './encode-gemini-request';

function request(overrides: Partial<IrRequest>): IrRequest {
  return { model: 'gpt-4o', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: false, ...overrides };
}

describe('encodeGeminiRequest', () => {
  it('never puts the model in the body (it goes in the URL)', () => {
    const body = encodeGeminiRequest(request({ model: 'gemini-2.5-flash' }));
    expect(body).not.toHaveProperty('model');
    expect(JSON.stringify(body)).not.toContain('gemini-2.5-flash');
  });

  it('sends system and developer instructions, in order, as systemInstruction parts', () => {
    const body = encodeGeminiRequest(
      request({ system: [{ type: 'text', text: 'be brief', role: 'system' }, { type: 'text', text: 'answer in French', role: 'developer' }] }),
    );
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'be brief' }, { text: 'answer in French' }] });
  });

  it('merges consecutive same-role messages because Gemini wants user and model to alternate', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'user', content: [{ type: 'text', text: 'b' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'c' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'd' }] },
          { role: 'user', content: [{ type: 'text', text: 'e' }] },
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: 'user', parts: [{ text: 'a' }, { text: 'b' }] },
      { role: 'model', parts: [{ text: 'c' }, { text: 'd' }] },
      { role: 'user', parts: [{ text: 'e' }] },
    ]);
  });

  it('sends OpenAI-style tool results (no names) as functionResponse parts named after their call', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'add and multiply 2 and 3' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', id: 'call_A', name: 'add', arguments: { a: 2, b: 3 } },
              { type: 'tool-call', id: 'call_M', name: 'multiply', arguments: { a: 2, b: 3 } },
            ],
          },
          { role: 'user', content: [{ type: 'tool-result', toolCallId: 'call_A', content: [{ type: 'text', text: '5' }] }] },
          { role: 'user', content: [{ type: 'tool-result', toolCallId: 'call_M', content: [{ type: 'text', text: 'overflow' }], isError: true }] },
        ],
      }),
    );
    expect(body.contents[1]).toEqual({
      role: 'model',
      parts: [
        // History from another provider has no signature: Google's documented stand-in on the first call only.
        { functionCall: { id: 'call_A', name: 'add', args: { a: 2, b: 3 } }, thoughtSignature: SKIP_THOUGHT_SIGNATURE },
        { functionCall: { id: 'call_M', name: 'multiply', args: { a: 2, b: 3 } } },
      ],
    });
    expect(body.contents[2]).toEqual({
      role: 'user',
      parts: [
        { functionResponse: { id: 'call_A', name: 'add', response: { result: '5' } } },
        { functionResponse: { id: 'call_M', name: 'multiply', response: { error: 'overflow' } } },
      ],
    });
  });

  it('puts the stand-in signature on the first call of every unsigned model step, and keeps real signatures', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'go' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'first' }, { type: 'tool-call', id: 'c1', name: 'f', arguments: {} }] },
          { role: 'user', content: [{ type: 'tool-result', toolCallId: 'c1', content: [{ type: 'text', text: 'x' }] }] },
          { role: 'assistant', content: [{ type: 'tool-call', id: 'c2', name: 'f', arguments: {}, signature: 'real-sig' }] },
          { role: 'user', content: [{ type: 'tool-result', toolCallId: 'c2', content: [{ type: 'text', text: 'y' }] }] },
          { role: 'assistant', content: [{ type: 'text', text: 'done' }] },
        ],
      }),
    );
    expect(body.contents[1].parts).toEqual([{ text: 'first' }, { functionCall: { id: 'c1', name: 'f', args: {} }, thoughtSignature: SKIP_THOUGHT_SIGNATURE }]);
    expect(body.contents[3].parts).toEqual([{ functionCall: { id: 'c2', name: 'f', args: {} }, thoughtSignature: 'real-sig' }]);
    expect(body.contents[5].parts).toEqual([{ text: 'done' }]);
  });

  it('leaves out call ids Plexus generated for Gemini calls, so Gemini matches by name as it produced them', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: 'gemini_call_resp1_0', name: 'f', arguments: { q: 1 }, signature: 's' }] },
          { role: 'user', content: [{ type: 'tool-result', toolCallId: 'gemini_call_resp1_0', content: [{ type: 'text', text: 'ok' }] }] },
        ],
      }),
    );
    expect(body.contents).toEqual([
      { role: 'model', parts: [{ functionCall: { name: 'f', args: { q: 1 } }, thoughtSignature: 's' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { result: 'ok' } } }] },
    ]);
  });

  it('sends a JSON-object result as that object, and images of a result as functionResponse parts', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'screenshot', arguments: {} }] },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolCallId: 't1',
                toolName: 'screenshot',
                content: [
                  { type: 'text', text: '{"width":800,"height":600}' },
                  { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
                ],
              },
              { type: 'text', text: 'what do you see?' },
            ],
          },
        ],
      }),
    );
    expect(body.contents[1]).toEqual({
      role: 'user',
      parts: [
        {
          functionResponse: {
            id: 't1',
            name: 'screenshot',
            response: { width: 800, height: 600 },
            parts: [{ inlineData: { mimeType: 'image/png', data: 'iVBOR' } }],
          },
        },
        { text: 'what do you see?' },
      ],
    });
  });

  it('refuses a tool result whose function name cannot be known', () => {
    const encode = () =>
      encodeGeminiRequest(request({ messages: [{ role: 'user', content: [{ type: 'tool-result', toolCallId: 'orphan', content: [] }] }] }));
    expect(encode).toThrow(WireValidationError);
    expect(encode).toThrow(/messages\[0\]\.content\[0\].*"orphan"/);
  });

  it('sends images and documents by URL, base64 and data: URL with their media types', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'https://example.com/a.PNG?size=2' } },
              { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' }, detail: 'high' },
              { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0' }, title: 'spec' },
              { type: 'document', source: { kind: 'url', url: 'https://example.com/files/x', mediaType: 'text/plain' } },
            ],
          },
        ],
      }),
    );
    expect(body.contents[0].parts).toEqual([
      { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/a.PNG?size=2' } },
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0' } },
      { fileData: { mimeType: 'text/plain', fileUri: 'https://example.com/files/x' } },
    ]);
  });

  it('sends reasoning as thought parts with their signatures and drops Anthropic redacted thinking', () => {
    const body = encodeGeminiRequest(
      request({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'hmm', signature: 'sig1' },
              { type: 'reasoning', text: '', redactedData: 'opaque' },
              { type: 'text', text: 'a', signature: 'sig2' },
            ],
          },
        ],
      }),
    );
    expect(body.contents[1].parts).toEqual([{ text: 'hmm', thought: true, thoughtSignature: 'sig1' }, { text: 'a', thoughtSignature: 'sig2' }]);
  });

  it('sends tool schemas as parametersJsonSchema untouched', () => {
    const parameters = { type: 'object', properties: { q: { type: 'string' }, opts: { $ref: '#/$defs/o' } }, $defs: { o: { type: 'object' } }, additionalProperties: false };
    const body = encodeGeminiRequest(request({ tools: [{ name: 'search', description: 'web search', parameters, strict: true }] }));
    expect(body.tools).toEqual([{ functionDeclarations: [{ name: 'search', description: 'web search', parametersJsonSchema: parameters }] }]);
  });

  it.each([
    [{ type: 'auto' }, { mode: 'AUTO' }],
    [{ type: 'none' }, { mode: 'NONE' }],
    [{ type: 'required' }, { mode: 'ANY' }],
    [{ type: 'tool', name: 'weather' }, { mode: 'ANY', allowedFunctionNames: ['weather'] }],
  ] as const)('maps tool choice %j to functionCallingConfig %j', (toolChoice, functionCallingConfig) => {
    expect(encodeGeminiRequest(request({ toolChoice })).toolConfig).toEqual({ functionCallingConfig });
  });

  it('drops parallelToolCalls on purpose: Gemini has no switch for it', () => {
    const on = encodeGeminiRequest(request({ parallelToolCalls: true, toolChoice: { type: 'auto' } }));
    const off = encodeGeminiRequest(request({ parallelToolCalls: false, toolChoice: { type: 'auto' } }));
    expect(off).toEqual(on);
    expect(JSON.stringify(off)).not.toMatch(/parallel/i);
  });

  it('drops user, metadata and cache_control on purpose: Gemini has no field for them', () => {
    const plain = encodeGeminiRequest(request({}));
    const withExtras = encodeGeminiRequest(
      request({
        user: 'u-1',
        metadata: { run: 'r' },
        system: [],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cacheControl: { type: 'ephemeral' } }] }],
      }),
    );
    expect(withExtras).toEqual(plain);
  });

  it('sends every sampling parameter in generationConfig', () => {
    const body = encodeGeminiRequest(
      request({
        maxOutputTokens: 100,
        temperature: 0.3,
        topP: 0.8,
        topK: 20,
        stopSequences: ['STOP'],
        seed: 42,
        presencePenalty: 0.1,
        frequencyPenalty: 0.2,
        candidateCount: 1,
      }),
    );
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 100,
      temperature: 0.3,
      topP: 0.8,
      topK: 20,
      stopSequences: ['STOP'],
      seed: 42,
      presencePenalty: 0.1,
      frequencyPenalty: 0.2,
      candidateCount: 1,
    });
  });

  it('maps the response format to responseMimeType and responseJsonSchema, dropping the schema name', () => {
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    const config = (responseFormat: IrRequest['responseFormat']) => encodeGeminiRequest(request({ responseFormat })).generationConfig;
    expect(config({ type: 'json_schema', name: 'verdict', strict: true, schema })).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
    expect(config({ type: 'json_object' })).toEqual({ responseMimeType: 'application/json' });
    expect(config({ type: 'text' })).toEqual({ responseMimeType: 'text/plain' });
  });

  it('maps reasoning effort to a thinking budget, and disabled reasoning to budget 0', () => {
    const thinking = (reasoning: IrRequest['reasoning']) => encodeGeminiRequest(request({ reasoning })).generationConfig?.thinkingConfig;
    expect(thinking({ effort: 'low' })).toEqual({ thinkingBudget: 1024 });
    expect(thinking({ effort: 'medium' })).toEqual({ thinkingBudget: 8192 });
    expect(thinking({ effort: 'high' })).toEqual({ thinkingBudget: 24576 });
    expect(thinking({ effort: 'none' })).toEqual({ thinkingBudget: 0 });
    expect(thinking({ enabled: false, budgetTokens: 4000 })).toEqual({ thinkingBudget: 0 });
    expect(thinking({ enabled: true, budgetTokens: 4000, effort: 'low' })).toEqual({ thinkingBudget: 4000 });
    expect(thinking({ enabled: true })).toEqual({ thinkingBudget: -1 });
    expect(thinking({ budgetTokens: 128, includeThoughts: true })).toEqual({ thinkingBudget: 128, includeThoughts: true });
  });
});

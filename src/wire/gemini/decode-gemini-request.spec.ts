import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { WireValidationError, type IrRequest } from '../ir';
import { decodeGeminiRequest } from './decode-gemini-request';

const ADD_SCHEMA = {
  type: 'object',
  properties: { a: { description: 'first number', type: 'integer' }, b: { description: 'second number', type: 'integer' } },
  required: ['a', 'b'],
};

function decodeFixture(file: string): IrRequest {
  return decodeGeminiRequest(fixtureJson('gemini', file));
}

function validationFieldOf(body: unknown): string {
  try {
    decodeGeminiRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(WireValidationError);
    return (error as WireValidationError).field;
  }
  throw new Error('expected a WireValidationError');
}

describe('decodeGeminiRequest on recorded requests', () => {
  it('reads the system instruction, the user turn and maxOutputTokens of a plain text request', () => {
    const request = decodeFixture('generate-content-text.request.json');
    expect(request.system).toEqual([{ type: 'text', text: 'You are a helpful assistant' }]);
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Say hi in Portuguese' }] }]);
    expect(request.maxOutputTokens).toBe(4000);
    // The model is in the URL, not the body; the controller fills these in.
    expect(request.model).toBe('');
    expect(request.stream).toBe(false);
  });

  it('turns upper-case OpenAPI parameter schemas into lower-case JSON Schema and AUTO into auto', () => {
    const request = decodeFixture('generate-content-parallel-function-calls.request.json');
    expect(request.tools).toEqual([
      { name: 'add', description: 'Add two numbers', parameters: ADD_SCHEMA },
      { name: 'multiply', description: 'Multiply two numbers', parameters: ADD_SCHEMA },
    ]);
    expect(request.toolChoice).toEqual({ type: 'auto' });
    expect(request.system[0].text).toContain('Always use both add and multiply');
  });

  it('reads the streaming tool request the same way', () => {
    const request = decodeFixture('stream-parallel-function-calls.request.json');
    expect(request.tools?.map((tool) => tool.name)).toEqual(['add', 'multiply']);
    expect(request.messages[0].content).toEqual([{ type: 'text', text: 'Add and multiply the number 2 and 3' }]);
  });

  it('keeps function-call ids, signatures and pairs function responses with their calls in turn 2', () => {
    const request = decodeFixture('generate-content-function-responses-turn2.request.json');
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    const [add, multiply] = request.messages[1].content;
    expect(add).toMatchObject({ type: 'tool-call', id: '1', name: 'add', arguments: { a: 2, b: 3 } });
    expect(add).toHaveProperty('signature', expect.stringMatching(/^CuwBAb4\+9vtZ/));
    expect(multiply).toEqual({ type: 'tool-call', id: '2', name: 'multiply', arguments: { a: 2, b: 3 } });
    expect(request.messages[2].content).toEqual([
      { type: 'tool-result', toolCallId: '1', toolName: 'add', content: [{ type: 'text', text: '5' }] },
      { type: 'tool-result', toolCallId: '2', toolName: 'multiply', content: [{ type: 'text', text: '6' }] },
    ]);
  });

  it('maps thinkingConfig budget and includeThoughts to IR reasoning', () => {
    const request = decodeFixture('stream-thinking-function-call.request.json');
    expect(request.reasoning).toEqual({ budgetTokens: 128, includeThoughts: true });
    expect(request.tools).toEqual([
      {
        name: 'weather',
        description: 'Get weather information for a location',
        parameters: { type: 'object', properties: { location: { description: 'the city', type: 'string' } }, required: ['location'] },
      },
    ]);
  });

  it('drops cachedContent on purpose: the IR has no explicit cache reference', () => {
    const request = decodeFixture('generate-content-cached-content.request.json');
    expect(request.messages).toHaveLength(1);
    expect(JSON.stringify(request)).not.toContain('cachedContents/');
  });
});

describe('decodeGeminiRequest content and tools', () => {
  it('generates stable ids for calls without one and pairs responses by name and order', () => {
    const body = {
      contents: [
        { role: 'user', parts: [{ text: 'weather in Rome and Paris, then time' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'weather', args: { city: 'Rome' } } },
            { functionCall: { name: 'weather', args: { city: 'Paris' } } },
            { functionCall: { name: 'ns.time', args: {} } },
          ],
        },
        {
          parts: [
            { functionResponse: { name: 'ns.time', response: { result: '12:00' } } },
            { functionResponse: { name: 'weather', response: { result: 'sunny' } } },
            { functionResponse: { name: 'weather', response: { result: 'rain' } } },
          ],
        },
      ],
    };
    const first = decodeGeminiRequest(body);
    const callIds = first.messages[1].content.map((part) => (part.type === 'tool-call' ? part.id : ''));
    expect(callIds).toEqual(['gemini_call_0_weather', 'gemini_call_1_weather', 'gemini_call_2_ns_time']);
    const resultIds = first.messages[2].content.map((part) => (part.type === 'tool-result' ? part.toolCallId : ''));
    expect(resultIds).toEqual(['gemini_call_2_ns_time', 'gemini_call_0_weather', 'gemini_call_1_weather']);
    // The client resends the same history next turn: the ids must not change.
    expect(decodeGeminiRequest(body).messages).toEqual(first.messages);
  });

  it('treats a content without role as the user', () => {
    const request = decodeGeminiRequest({ contents: [{ parts: [{ text: 'hi' }] }] });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('reads thought parts as reasoning and keeps thoughtSignature where it was', () => {
    const request = decodeGeminiRequest({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { text: 'thinking…', thought: true, thoughtSignature: 'sig-thought' },
            { text: 'answer', thoughtSignature: 'sig-text' },
          ],
        },
      ],
    });
    expect(request.messages[1].content).toEqual([
      { type: 'reasoning', text: 'thinking…', signature: 'sig-thought' },
      { type: 'text', text: 'answer', signature: 'sig-text' },
    ]);
  });

  it('reads inline images, PDFs and file URIs with their media types', () => {
    const request = decodeGeminiRequest({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
            { fileData: { mimeType: 'image/jpeg', fileUri: 'https://example.com/cat.jpg' } },
            { fileData: { mimeType: 'application/pdf', fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc' } },
          ],
        },
      ],
    });
    expect(request.messages[0].content).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      { type: 'document', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' } },
      { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.jpg', mediaType: 'image/jpeg' } },
      { type: 'document', source: { kind: 'url', url: 'https://generativelanguage.googleapis.com/v1beta/files/abc', mediaType: 'application/pdf' } },
    ]);
  });

  it('reads error responses, structured responses and media inside function responses', () => {
    const request = decodeGeminiRequest({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'a', args: {} } }, { functionCall: { name: 'b' } }, { functionCall: { name: 'c' } }] },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'a', response: { error: 'disk full' } } },
            { functionResponse: { name: 'b', response: { temperature: 21, unit: 'C' } } },
            { functionResponse: { name: 'c', response: { result: 'see image' }, parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }] } },
          ],
        },
      ],
    });
    expect(request.messages[1].content).toEqual([
      { type: 'tool-result', toolCallId: 'gemini_call_0_a', toolName: 'a', isError: true, content: [{ type: 'text', text: 'disk full' }] },
      { type: 'tool-result', toolCallId: 'gemini_call_1_b', toolName: 'b', content: [{ type: 'text', text: '{"temperature":21,"unit":"C"}' }] },
      {
        type: 'tool-result',
        toolCallId: 'gemini_call_2_c',
        toolName: 'c',
        content: [
          { type: 'text', text: 'see image' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
        ],
      },
    ]);
  });

  it('maps every functionCallingConfig mode to the IR tool choice', () => {
    const choice = (functionCallingConfig: unknown) =>
      decodeGeminiRequest({ contents: [], toolConfig: { functionCallingConfig } }).toolChoice;
    expect(choice({ mode: 'AUTO' })).toEqual({ type: 'auto' });
    expect(choice({ mode: 'VALIDATED' })).toEqual({ type: 'auto' });
    expect(choice({ mode: 'NONE' })).toEqual({ type: 'none' });
    expect(choice({ mode: 'ANY' })).toEqual({ type: 'required' });
    expect(choice({ mode: 'ANY', allowedFunctionNames: ['weather'] })).toEqual({ type: 'tool', name: 'weather' });
    // No IR form for "any of these two": widened to required on purpose.
    expect(choice({ mode: 'ANY', allowedFunctionNames: ['a', 'b'] })).toEqual({ type: 'required' });
  });

  it('prefers parametersJsonSchema verbatim and gives parameterless functions an empty object schema', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } }, additionalProperties: false };
    const request = decodeGeminiRequest({
      contents: [],
      tools: [{ functionDeclarations: [{ name: 'search', parametersJsonSchema: schema }, { name: 'now' }] }],
    });
    expect(request.tools).toEqual([
      { name: 'search', parameters: schema },
      { name: 'now', parameters: { type: 'object', properties: {} } },
    ]);
  });

  it('drops built-in Google tools and safetySettings on purpose: the IR cannot express them', () => {
    const request = decodeGeminiRequest({
      contents: [{ parts: [{ text: 'hi' }] }],
      tools: [{ googleSearch: {} }, { codeExecution: {} }],
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
    });
    expect(request.tools).toEqual([]);
    expect(JSON.stringify(request)).not.toContain('HARM_CATEGORY');
  });

  it('reads every generationConfig field the IR carries', () => {
    const request = decodeGeminiRequest({
      contents: [],
      generationConfig: {
        maxOutputTokens: 256,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        stopSequences: ['END'],
        seed: 7,
        presencePenalty: 0.5,
        frequencyPenalty: -0.5,
        candidateCount: 2,
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'object', properties: { n: { type: 'number' } } },
        thinkingConfig: { thinkingBudget: 2048, includeThoughts: false },
      },
    });
    expect(request).toMatchObject({
      maxOutputTokens: 256,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      candidateCount: 2,
      responseFormat: { type: 'json_schema', schema: { type: 'object', properties: { n: { type: 'number' } } } },
      reasoning: { budgetTokens: 2048, includeThoughts: false },
    });
  });

  it('maps the response MIME type and the OpenAPI responseSchema to the IR response format', () => {
    const format = (generationConfig: unknown) => decodeGeminiRequest({ contents: [], generationConfig }).responseFormat;
    expect(format({ responseMimeType: 'application/json' })).toEqual({ type: 'json_object' });
    expect(format({ responseMimeType: 'text/plain' })).toEqual({ type: 'text' });
    expect(format({ responseMimeType: 'application/json', responseSchema: { type: 'ARRAY', items: { type: 'STRING' } } })).toEqual({
      type: 'json_schema',
      schema: { type: 'array', items: { type: 'string' } },
    });
  });

  it('maps thinking budget 0 to disabled, -1 to dynamic and thinkingLevel to effort', () => {
    const reasoning = (thinkingConfig: unknown) => decodeGeminiRequest({ contents: [], generationConfig: { thinkingConfig } }).reasoning;
    expect(reasoning({ thinkingBudget: 0 })).toEqual({ enabled: false });
    expect(reasoning({ thinkingBudget: -1 })).toEqual({ enabled: true });
    expect(reasoning({ thinkingLevel: 'HIGH' })).toEqual({ effort: 'high' });
    expect(reasoning({ thinkingLevel: 'MINIMAL', includeThoughts: true })).toEqual({ effort: 'minimal', includeThoughts: true });
  });

  it('ignores unknown fields anywhere', () => {
    const request = decodeGeminiRequest({
      contents: [{ role: 'user', parts: [{ text: 'hi', videoMetadata: {}, partMetadata: { x: 1 } }], extra: true }],
      generationConfig: { responseModalities: ['TEXT'], mediaResolution: 'MEDIA_RESOLUTION_LOW' },
      labels: { team: 'a' },
      somethingNew: { nested: [1, 2] },
    });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });
});

describe('decodeGeminiRequest validation', () => {
  it.each([
    [null, 'body'],
    ['text', 'body'],
    [[], 'body'],
    [{}, 'contents'],
    [{ contents: {} }, 'contents'],
    [{ contents: [null] }, 'contents[0]'],
    [{ contents: [{ role: 'user' }] }, 'contents[0].parts'],
    [{ contents: [{ role: 'assistant', parts: [] }] }, 'contents[0].role'],
    [{ contents: [{ role: 7, parts: [] }] }, 'contents[0].role'],
    [{ contents: [{ parts: [{ text: 'a' }, 5] }] }, 'contents[0].parts[1]'],
    [{ contents: [{ parts: [{ text: 42 }] }] }, 'contents[0].parts[0].text'],
    [{ contents: [{ parts: [{ text: 'x', thought: 'yes' }] }] }, 'contents[0].parts[0].thought'],
    [{ contents: [{ parts: [{ inlineData: { data: 'AA' } }] }] }, 'contents[0].parts[0].inlineData.mimeType'],
    [{ contents: [{ parts: [{ fileData: null }] }] }, 'contents[0].parts[0].fileData'],
    [{ contents: [{ parts: [{ functionCall: { name: 'f' } }] }] }, 'contents[0].parts[0].functionCall'],
    [{ contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] }, 'contents[0].parts[0].functionCall.name'],
    [{ contents: [{ role: 'model', parts: [{ functionCall: { name: 'f', args: 'x=1' } }] }] }, 'contents[0].parts[0].functionCall.args'],
    [{ contents: [{ role: 'model', parts: [{ functionResponse: { name: 'f' } }] }] }, 'contents[0].parts[0].functionResponse'],
    [{ contents: [{ parts: [{ functionResponse: { name: 'f', response: 'ok' } }] }] }, 'contents[0].parts[0].functionResponse.response'],
    [{ contents: [], systemInstruction: 'be nice' }, 'systemInstruction'],
    [{ contents: [], systemInstruction: { parts: [{ text: 1 }] } }, 'systemInstruction.parts[0].text'],
    [{ contents: [], tools: {} }, 'tools'],
    [{ contents: [], tools: [{ functionDeclarations: [{ description: 'x' }] }] }, 'tools[0].functionDeclarations[0].name'],
    [{ contents: [], tools: [{ functionDeclarations: [{ name: 'f', parameters: [] }] }] }, 'tools[0].functionDeclarations[0].parameters'],
    [{ contents: [], toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } }, 'toolConfig.functionCallingConfig.mode'],
    [{ contents: [], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [1] } } }, 'toolConfig.functionCallingConfig.allowedFunctionNames[0]'],
    [{ contents: [], generationConfig: [] }, 'generationConfig'],
    [{ contents: [], generationConfig: { temperature: '0.7' } }, 'generationConfig.temperature'],
    [{ contents: [], generationConfig: { maxOutputTokens: 1.5 } }, 'generationConfig.maxOutputTokens'],
    [{ contents: [], generationConfig: { stopSequences: 'END' } }, 'generationConfig.stopSequences'],
    [{ contents: [], generationConfig: { thinkingConfig: { thinkingBudget: -5 } } }, 'generationConfig.thinkingConfig.thinkingBudget'],
    [{ contents: [], generationConfig: { thinkingConfig: { includeThoughts: 'true' } } }, 'generationConfig.thinkingConfig.includeThoughts'],
  ])('rejects %j naming %s', (body, field) => {
    expect(validationFieldOf(body)).toBe(field);
  });

  it('says what is wrong in the message, prefixed by the field', () => {
    expect(() => decodeGeminiRequest({ contents: [{ parts: [{ text: 42 }] }] })).toThrow('contents[0].parts[0].text: must be a string');
  });

  it('treats null as "not set" for optional fields', () => {
    const request = decodeGeminiRequest({ contents: [{ role: null, parts: [{ text: 'hi' }] }], tools: null, generationConfig: { temperature: null } });
    expect(request.messages[0].role).toBe('user');
    expect(request.temperature).toBeUndefined();
  });

  it('never throws anything but WireValidationError when any field of a real request holds a wrong type', () => {
    const source = fixtureJson('gemini', 'generate-content-function-responses-turn2.request.json');
    const badValues: unknown[] = [null, 7, 'x', true, [], {}, [null]];
    let mutations = 0;
    for (const path of leafAndBranchPaths(source)) {
      for (const bad of badValues) {
        const body = structuredClone(source);
        setAtPath(body, path, bad);
        mutations += 1;
        try {
          decodeGeminiRequest(body);
        } catch (error) {
          expect(error, `mutating ${path.join('.')} to ${JSON.stringify(bad)}`).toBeInstanceOf(WireValidationError);
        }
      }
    }
    expect(mutations).toBeGreaterThan(300);
  });
});

function leafAndBranchPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => leafAndBranchPaths(item, [...prefix, key]))].filter((path) => path.length > 0);
}

function setAtPath(target: any, path: Array<string | number>, value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
}

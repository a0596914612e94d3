import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../../../test/support/fixtures';
import { decodeGeminiRequest } from './decode-gemini-request';
import { encodeGeminiRequest } from './encode-gemini-request';

const roundTrip = (body: unknown) => encodeGeminiRequest(decodeGeminiRequest(body));

/** The OpenAPI `parameters` of the add/multiply fixtures as plain JSON Schema. */
const ADD_JSON_SCHEMA = {
  type: 'object',
  properties: { a: { description: 'first number', type: 'integer' }, b: { description: 'second number', type: 'integer' } },
  required: ['a', 'b'],
};

describe('Gemini request → IR → Gemini request', () => {
  it('keeps the plain text request, except the meaningless systemInstruction role', () => {
    const source = fixtureJson('gemini', 'generate-content-text.request.json');
    const { role, ...systemInstruction } = source.systemInstruction;
    expect(role).toBe('user');
    expect(roundTrip(source)).toEqual({ ...source, systemInstruction });
  });

  it('keeps the function-response turn with its ids, signature and results exactly', () => {
    const source = fixtureJson('gemini', 'generate-content-function-responses-turn2.request.json');
    const result = roundTrip(source);
    expect(result.contents).toEqual(source.contents);
    expect(result.toolConfig).toEqual(source.toolConfig);
    expect(result.generationConfig).toEqual(source.generationConfig);
  });

  it('re-sends OpenAPI `parameters` as the equivalent plain JSON Schema in parametersJsonSchema', () => {
    const source = fixtureJson('gemini', 'generate-content-parallel-function-calls.request.json');
    expect(roundTrip(source).tools).toEqual([
      {
        functionDeclarations: [
          { name: 'add', description: 'Add two numbers', parametersJsonSchema: ADD_JSON_SCHEMA },
          { name: 'multiply', description: 'Multiply two numbers', parametersJsonSchema: ADD_JSON_SCHEMA },
        ],
      },
    ]);
  });

  it('keeps the thinking config of the thinking request', () => {
    const source = fixtureJson('gemini', 'stream-thinking-function-call.request.json');
    expect(roundTrip(source).generationConfig).toEqual(source.generationConfig);
  });

  it('drops cachedContent and the empty generationConfig of the cached-content request on purpose', () => {
    const source = fixtureJson('gemini', 'generate-content-cached-content.request.json');
    expect(roundTrip(source)).toEqual({ contents: source.contents });
  });

  it('keeps every field the IR carries in a request that uses all of them', () => {
    const source = {
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'look' },
            { inlineData: { mimeType: 'image/webp', data: 'UklGR' } },
            { fileData: { mimeType: 'application/pdf', fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/f1' } },
          ],
        },
        {
          role: 'model',
          parts: [
            { text: 'thinking', thought: true, thoughtSignature: 'sig-a' },
            { text: 'calling', thoughtSignature: 'sig-b' },
            { functionCall: { id: 'x1', name: 'lookup', args: { q: 'cats', n: 2 } }, thoughtSignature: 'sig-c' },
            { functionCall: { id: 'x2', name: 'lookup', args: { q: 'dogs' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { id: 'x1', name: 'lookup', response: { result: 'meow' } } },
            { functionResponse: { id: 'x2', name: 'lookup', response: { error: { code: 404 } }, parts: [{ inlineData: { mimeType: 'image/png', data: 'AA' } }] } },
            { text: 'and?' },
          ],
        },
      ],
      systemInstruction: { parts: [{ text: 'one' }, { text: 'two' }] },
      tools: [{ functionDeclarations: [{ name: 'lookup', description: 'find', parametersJsonSchema: { type: 'object', properties: { q: { type: 'string' } } } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['lookup'] } },
      generationConfig: {
        maxOutputTokens: 500,
        temperature: 1,
        topP: 0.95,
        topK: 64,
        stopSequences: ['\n\n'],
        seed: 3,
        presencePenalty: 0.4,
        frequencyPenalty: 0.6,
        candidateCount: 1,
        responseMimeType: 'application/json',
        responseJsonSchema: { type: 'array', items: { type: 'string' } },
        thinkingConfig: { includeThoughts: true, thinkingBudget: -1 },
      },
    };
    expect(roundTrip(source)).toEqual(source);
  });

  it('adds the stand-in signature to an unsigned function call on purpose (thinking models reject it otherwise)', () => {
    const source = {
      contents: [
        { role: 'user', parts: [{ text: 'go' }] },
        { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { result: 'ok' } } }] },
      ],
    };
    const result = roundTrip(source);
    expect(result.contents[1].parts[0]).toEqual({ functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' });
    expect(result.contents[2]).toEqual(source.contents[2]);
  });

  it('sends thinkingLevel as the equivalent thinkingBudget on purpose (2.5 models reject thinkingLevel)', () => {
    const result = roundTrip({ contents: [], generationConfig: { thinkingConfig: { thinkingLevel: 'LOW' } } });
    expect(result.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 1024 } });
  });

  it('sends VALIDATED as AUTO on purpose: no other format can say "calls or text, schema-checked"', () => {
    const result = roundTrip({ contents: [], toolConfig: { functionCallingConfig: { mode: 'VALIDATED' } } });
    expect(result.toolConfig).toEqual({ functionCallingConfig: { mode: 'AUTO' } });
  });

  it('widens ANY over several allowed functions to ANY over all on purpose: the IR names one tool or none', () => {
    const result = roundTrip({ contents: [], toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } } });
    expect(result.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY' } });
  });

  it('re-sends an OpenAPI responseSchema as the equivalent responseJsonSchema', () => {
    const result = roundTrip({
      contents: [],
      generationConfig: { responseMimeType: 'application/json', responseSchema: { type: 'OBJECT', properties: { n: { type: 'INTEGER' } } } },
    });
    expect(result.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object', properties: { n: { type: 'integer' } } },
    });
  });

  it('drops the text/x.enum response type on purpose: the IR has no enum-answer format', () => {
    const result = roundTrip({ contents: [], generationConfig: { responseMimeType: 'text/x.enum', responseSchema: { type: 'STRING', enum: ['a', 'b'] } } });
    expect(result).not.toHaveProperty('generationConfig');
  });

  it('drops empty unsigned text parts on purpose (Gemini rejects them) and keeps signed ones', () => {
    const result = roundTrip({
      contents: [
        { role: 'user', parts: [{ text: 'hi' }] },
        { role: 'model', parts: [{ text: 'hello' }, { text: '' }, { text: '', thoughtSignature: 'sig' }] },
      ],
    });
    expect(result.contents[1].parts).toEqual([{ text: 'hello' }, { text: '', thoughtSignature: 'sig' }]);
  });
});

import fc from 'fast-check';
import { CLIENT_KEY } from '../../support/start-test-gateway';
import { pathsOf, setAt } from './json-paths';

/** One request as light-my-request's inject() and undici both take it. */
export interface HostileRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What was done to it, for the failure report. */
  label: string;
}

type Endpoint = 'chat' | 'messages' | 'gemini-v1beta' | 'gemini-stream' | 'gemini-v1' | 'list-openai' | 'list-gemini';

const MODELS = ['via-chat', 'via-messages', 'via-gemini', 'no-such-model', 'openai-mock/gpt-4o', 'gemini-mock/gemini-2.5-flash', 'models/via-gemini'];

export function describeRequest(request: HostileRequest): string {
  const payload = request.payload === undefined ? '' : String(request.payload);
  const shown = payload.length > 300 ? `${payload.slice(0, 300)}… (${payload.length} chars)` : payload;
  return `${request.method} ${request.url.slice(0, 200)} ${JSON.stringify(request.headers)} [${request.label}] ${JSON.stringify(shown)}`;
}

/** Valid bodies per format (the SDKs' minimal calls): the fuzzer damages these. */
function baseBody(endpoint: Endpoint, model: string, stream: boolean): Record<string, unknown> {
  switch (endpoint) {
    case 'chat':
      return { model, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream, max_tokens: 16 };
    case 'messages':
      return { model, max_tokens: 16, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream };
    default:
      return { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], systemInstruction: { parts: [{ text: 'Be brief.' }] }, generationConfig: { maxOutputTokens: 16 } };
  }
}

function urlFor(endpoint: Endpoint, modelInPath: string): string {
  switch (endpoint) {
    case 'chat':
      return '/v1/chat/completions';
    case 'messages':
      return '/v1/messages';
    case 'gemini-v1beta':
      return `/v1beta/models/${modelInPath}:generateContent`;
    case 'gemini-stream':
      return `/v1beta/models/${modelInPath}:streamGenerateContent?alt=sse`;
    case 'gemini-v1':
      return `/v1/models/${modelInPath}:generateContent`;
    case 'list-openai':
      return '/v1/models';
    case 'list-gemini':
      return '/v1beta/models';
  }
}

function authHeader(endpoint: Endpoint, key: string): Record<string, string> {
  if (endpoint === 'chat' || endpoint === 'list-openai') return { authorization: `Bearer ${key}` };
  if (endpoint === 'messages') return { 'x-api-key': key };
  return { 'x-goog-api-key': key };
}

/** Raw JSON text placed where a sentinel string was, so huge or deep values cost no object building. */
const SENTINEL = '\u0000PLEXUS-FUZZ\u0000';
function withRawValue(document: unknown, raw: string): string {
  return JSON.stringify(document).replace(JSON.stringify(SENTINEL), raw);
}

const deepText = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, shape]) => {
    if (shape === 'array') return '['.repeat(depth) + '1' + ']'.repeat(depth);
    if (shape === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    return '[{"b":'.repeat(depth) + 'null' + '}]'.repeat(depth);
  });

const hugeText = fc
  .tuple(fc.integer({ min: 20_000, max: 400_000 }), fc.constantFrom('string', 'numbers', 'objects', 'strings'))
  .map(([size, shape]) => {
    if (shape === 'string') return JSON.stringify('x'.repeat(size));
    if (shape === 'numbers') return `[${'1,'.repeat(size / 2)}1]`;
    if (shape === 'objects') return `[${'{},'.repeat(size / 3)}{}]`;
    return `[${'"ab",'.repeat(size / 5)}"ab"]`;
  });

/** Byte sequences that are not UTF-8: a lone continuation, overlong '/', a surrogate, 0xFF, a cut sequence. */
const INVALID_UTF8 = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff, 0xfe], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]];

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json', undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/yaml', 'garbage/x;;==', 'application/octet-stream'];
const WRONG_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST'];

const mutation = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), pick: fc.nat(), value: fc.anything({ maxDepth: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('malformed' as const), cut: fc.nat(), junk: fc.string({ maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json()) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), pick: fc.nat(), raw: deepText }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge' as const), pick: fc.nat(), raw: hugeText }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invalid-utf8' as const), bytes: fc.constantFrom(...INVALID_UTF8) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unknown-fields' as const), extra: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString')), fc.jsonValue({ maxDepth: 3 })) }) },
);

/**
 * A client request to one of the client endpoints, damaged in one way: wrong JSON types at any
 * depth, malformed or binary bodies, deep nesting, huge strings and arrays, invalid UTF-8,
 * unknown (and prototype-named) fields, odd or missing content types, wrong keys and methods,
 * and hostile model names in the Gemini path.
 */
export const hostileClientRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    endpoint: fc.constantFrom<Endpoint>('chat', 'messages', 'gemini-v1beta', 'gemini-stream', 'gemini-v1', 'list-openai', 'list-gemini'),
    model: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...MODELS) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }),
    rawPathModel: fc.option(fc.constantFrom('%zz', '..%2F..%2Fadmin', '%2e%2e', 'a%00b', '%E0%A4%A', '%F0%9F', 'x?y', 'x#y', 'u@evil', 'http:%2F%2Fevil'), { freq: 8 }),
    stream: fc.boolean(),
    mutation,
    contentType: fc.constantFrom(...CONTENT_TYPES),
    key: fc.constantFrom(CLIENT_KEY, CLIENT_KEY, CLIENT_KEY, CLIENT_KEY, '', 'wrong-key', `${CLIENT_KEY}x`),
    method: fc.option(fc.constantFrom(...WRONG_METHODS), { freq: 8 }),
  })
  .map(({ endpoint, model, rawPathModel, stream, mutation: damage, contentType, key, method }) => {
    const listing = endpoint === 'list-openai' || endpoint === 'list-gemini';
    const url = urlFor(endpoint, rawPathModel ?? encodeURIComponent(model));
    const headers: Record<string, string> = { ...authHeader(endpoint, key) };
    if (contentType && !listing) headers['content-type'] = contentType;
    const request: HostileRequest = { method: method ?? (listing ? 'GET' : 'POST'), url, headers, label: `${endpoint} ${damage.kind} model=${JSON.stringify(model)} ct=${contentType}` };
    // fast-check prints a failing case with this: the label and the start of the body, not megabytes.
    Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request) });
    if (listing) return request;
    const body = baseBody(endpoint, model, stream);
    const paths = pathsOf(body);
    switch (damage.kind) {
      case 'valid':
        request.payload = JSON.stringify(body);
        break;
      case 'wrong-type':
        request.payload = JSON.stringify(setAt(body, paths[damage.pick % paths.length], damage.value)) ?? 'undefined';
        break;
      case 'malformed': {
        const text = JSON.stringify(body);
        request.payload = text.slice(0, damage.cut % text.length) + damage.junk;
        break;
      }
      case 'garbage':
        request.payload = damage.text;
        break;
      case 'deep':
      case 'huge':
        request.payload = withRawValue(setAt(body, paths[damage.pick % paths.length], SENTINEL), damage.raw);
        break;
      case 'invalid-utf8': {
        const [before, after] = JSON.stringify(body).split('"hi"');
        request.payload = Buffer.concat([Buffer.from(`${before}"h`), Buffer.from(damage.bytes), Buffer.from(`i"${after}`)]);
        break;
      }
      case 'unknown-fields': {
        const entries = Object.entries(damage.extra).map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
        const text = JSON.stringify(body);
        request.payload = entries.length === 0 ? text : `${text.slice(0, -1)},${entries.join(',')}}`;
        break;
      }
    }
    return request;
  });

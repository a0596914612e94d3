import { CLIENT_KEY } from '../../support/start-test-gateway';

export type ClientFormat = 'chat' | 'messages' | 'gemini';

export interface SoakRequest {
  /** e.g. "messages→via-gemini stream tools", for the per-kind counts in the report. */
  kind: string;
  format: ClientFormat;
  stream: boolean;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Every alias, including `flaky`, whose first target always fails (failover on each try). */
export const SOAK_ALIASES = ['via-chat', 'via-messages', 'via-gemini', 'flaky'] as const;

const TOOLS_PROMPT = 'Add 2 and 3 and multiply 2 and 3, using the tools, in parallel.';
const NUMBER_PAIR = { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] };

/**
 * The i-th request of the mix: the three client formats × the four aliases × streamed or not ×
 * plain text or parallel tool calls, cycling so every combination comes up every 48 requests.
 */
export function soakRequest(index: number): SoakRequest {
  const format = (['chat', 'messages', 'gemini'] as const)[index % 3];
  const alias = SOAK_ALIASES[Math.floor(index / 3) % SOAK_ALIASES.length];
  const stream = Math.floor(index / 12) % 2 === 1;
  const tools = Math.floor(index / 24) % 2 === 1;
  const kind = `${format}→${alias}${stream ? ' stream' : ''}${tools ? ' tools' : ''}`;
  const prompt = tools ? TOOLS_PROMPT : 'Say hi in Portuguese.';
  const json = { 'content-type': 'application/json' };
  switch (format) {
    case 'chat':
      return {
        kind,
        format,
        stream,
        path: '/v1/chat/completions',
        headers: { ...json, authorization: `Bearer ${CLIENT_KEY}` },
        body: JSON.stringify({
          model: alias,
          stream,
          ...(stream ? { stream_options: { include_usage: true } } : {}),
          messages: [{ role: 'user', content: prompt }],
          ...(tools ? { tools: ['add', 'multiply'].map((name) => ({ type: 'function', function: { name, description: `${name} two numbers`, parameters: NUMBER_PAIR } })) } : {}),
        }),
      };
    case 'messages':
      return {
        kind,
        format,
        stream,
        path: '/v1/messages',
        headers: { ...json, 'x-api-key': CLIENT_KEY },
        body: JSON.stringify({
          model: alias,
          stream,
          max_tokens: 256,
          messages: [{ role: 'user', content: prompt }],
          ...(tools ? { tools: ['add', 'multiply'].map((name) => ({ name, description: `${name} two numbers`, input_schema: NUMBER_PAIR })) } : {}),
        }),
      };
    case 'gemini':
      return {
        kind,
        format,
        stream,
        path: `/v1beta/models/${alias}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
        headers: { ...json, 'x-goog-api-key': CLIENT_KEY },
        body: JSON.stringify({
          contents: [{ role: 'user', parts: [{ text: prompt }] }],
          ...(tools ? { tools: [{ functionDeclarations: ['add', 'multiply'].map((name) => ({ name, description: `${name} two numbers`, parameters: NUMBER_PAIR })) }] } : {}),
        }),
      };
  }
}

/**
 * Why an answer is not a complete, well-formed success in the client's own format, or undefined.
 * Streams must end properly (OpenAI `[DONE]`, Anthropic `message_stop`, Gemini a finishReason)
 * with no error event; whole answers must carry content or tool calls.
 */
export function answerProblem(request: SoakRequest, status: number, text: string): string | undefined {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  try {
    if (!request.stream) {
      const body = JSON.parse(text);
      if (request.format === 'chat') return body.choices?.[0]?.message ? undefined : 'no choices[0].message';
      if (request.format === 'messages') return body.type === 'message' && body.content?.length > 0 ? undefined : 'no message content';
      return body.candidates?.[0]?.content?.parts?.length > 0 ? undefined : 'no candidate parts';
    }
    const events = text.split(/\r?\n\r?\n/).filter((event) => event.trim() !== '');
    if (request.format === 'chat') {
      if (events[events.length - 1]?.trim() !== 'data: [DONE]') return 'the stream did not end with [DONE]';
      return events.some((event) => event.includes('"error"')) ? 'an error event in the stream' : undefined;
    }
    if (request.format === 'messages') {
      if (events.some((event) => event.startsWith('event: error'))) return 'an error event in the stream';
      return events.some((event) => event.startsWith('event: message_stop')) ? undefined : 'no message_stop';
    }
    if (events.some((event) => event.includes('"error"'))) return 'an error object in the stream';
    return events.some((event) => event.includes('"finishReason"')) ? undefined : 'no finishReason';
  } catch (error) {
    return `unreadable answer: ${(error as Error).message}`;
  }
}

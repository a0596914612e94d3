import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { CLIENT_KEY } from './start-test-gateway';

export type TextClient = 'openai' | 'anthropic';

export interface AskForTextOptions {
  gatewayUrl: string;
  model: string;
  stream: boolean;
  /** Sent as x-request-id, which the gateway keeps as its own id: tests find the usage line by it. */
  requestId: string;
}

export interface TextAnswer {
  /** The text the client assembled (for a stream that failed, what arrived before the failure). */
  text: string;
  headers: Headers;
  /** The stream ended normally (OpenAI: a finish_reason; Anthropic: message_stop). */
  completed: boolean;
  /** What the SDK threw while reading the stream: an in-stream error event it parsed, or worse. */
  streamError?: unknown;
  /** The raw body as the gateway sent it; only complete once the gateway ended the response. */
  wire: Promise<string>;
}

/** How long a test waits for the gateway to end a response the SDK has stopped reading. */
const WIRE_END_TIMEOUT_MS = 3000;

const PROMPT = 'Say hi in Portuguese.';

/**
 * One plain text request through an official SDK, keeping the answer's headers. HTTP errors are
 * thrown by the SDK as usual (status, headers and the envelope on the error); a stream that
 * breaks after it started is returned with what arrived and the error the SDK raised.
 */
export async function askForText(client: TextClient, options: AskForTextOptions): Promise<TextAnswer> {
  return client === 'openai' ? askOpenAi(options) : askAnthropic(options);
}

/**
 * A fetch for the SDKs that also keeps a copy of the body: the SDK parses its half as usual, and
 * the copy shows the exact bytes and whether the gateway really ended the stream.
 */
function recordingFetch(): { fetch: typeof fetch; wire: Promise<string> } {
  let resolveWire: (text: string) => void = () => undefined;
  let rejectWire: (error: Error) => void = () => undefined;
  const wire = new Promise<string>((resolve, reject) => {
    resolveWire = resolve;
    rejectWire = reject;
  });
  wire.catch(() => undefined);
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body) {
      resolveWire('');
      return response;
    }
    const [forSdk, copy] = response.body.tee();
    const timer = setTimeout(() => rejectWire(new Error('the gateway did not end the response')), WIRE_END_TIMEOUT_MS);
    new Response(copy)
      .text()
      .then(resolveWire, rejectWire)
      .finally(() => clearTimeout(timer));
    return new Response(forSdk, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return { fetch: recording, wire };
}

async function askOpenAi({ gatewayUrl, model, stream, requestId }: AskForTextOptions): Promise<TextAnswer> {
  const { fetch: recording, wire } = recordingFetch();
  const openai = new OpenAI({ apiKey: CLIENT_KEY, baseURL: `${gatewayUrl}/v1`, maxRetries: 0, fetch: recording });
  const body = { model, max_completion_tokens: 100, messages: [{ role: 'user' as const, content: PROMPT }] };
  const requestOptions = { headers: { 'x-request-id': requestId } };
  if (!stream) {
    const { data, response } = await openai.chat.completions.create(body, requestOptions).withResponse();
    return { text: data.choices[0].message.content ?? '', headers: response.headers, completed: data.choices[0].finish_reason !== null, wire };
  }
  const { data, response } = await openai.chat.completions.create({ ...body, stream: true }, requestOptions).withResponse();
  const answer: TextAnswer = { text: '', headers: response.headers, completed: false, wire };
  try {
    for await (const chunk of data) {
      answer.text += chunk.choices[0]?.delta?.content ?? '';
      if (chunk.choices[0]?.finish_reason) answer.completed = true;
    }
  } catch (error) {
    answer.streamError = error;
  }
  return answer;
}

async function askAnthropic({ gatewayUrl, model, stream, requestId }: AskForTextOptions): Promise<TextAnswer> {
  const { fetch: recording, wire } = recordingFetch();
  const anthropic = new Anthropic({ apiKey: CLIENT_KEY, baseURL: gatewayUrl, maxRetries: 0, fetch: recording });
  const body = { model, max_tokens: 100, messages: [{ role: 'user' as const, content: PROMPT }] };
  const requestOptions = { headers: { 'x-request-id': requestId } };
  if (!stream) {
    const { data, response } = await anthropic.messages.create(body, requestOptions).withResponse();
    const text = data.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { text, headers: response.headers, completed: data.stop_reason !== null, wire };
  }
  const { data, response } = await anthropic.messages.create({ ...body, stream: true }, requestOptions).withResponse();
  const answer: TextAnswer = { text: '', headers: response.headers, completed: false, wire };
  try {
    for await (const event of data) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') answer.text += event.delta.text;
      if (event.type === 'message_stop') answer.completed = true;
    }
  } catch (error) {
    answer.streamError = error;
  }
  return answer;
}

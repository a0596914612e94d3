import { anthropicClient, openAiClient } from './sdk-clients';

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
}

const PROMPT = 'Say hi in Portuguese.';

/**
 * One plain text request through an official SDK, keeping the answer's headers. HTTP errors are
 * thrown by the SDK as usual (status, headers and the envelope on the error); a stream that
 * breaks after it started is returned with what arrived and the error the SDK raised.
 */
export async function askForText(client: TextClient, options: AskForTextOptions): Promise<TextAnswer> {
  return client === 'openai' ? askOpenAi(options) : askAnthropic(options);
}

async function askOpenAi({ gatewayUrl, model, stream, requestId }: AskForTextOptions): Promise<TextAnswer> {
  const openai = openAiClient(gatewayUrl);
  const body = { model, max_completion_tokens: 100, messages: [{ role: 'user' as const, content: PROMPT }] };
  const requestOptions = { headers: { 'x-request-id': requestId } };
  if (!stream) {
    const { data, response } = await openai.chat.completions.create(body, requestOptions).withResponse();
    return { text: data.choices[0].message.content ?? '', headers: response.headers, completed: data.choices[0].finish_reason !== null };
  }
  const { data, response } = await openai.chat.completions.create({ ...body, stream: true }, requestOptions).withResponse();
  const answer: TextAnswer = { text: '', headers: response.headers, completed: false };
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
  const anthropic = anthropicClient(gatewayUrl);
  const body = { model, max_tokens: 100, messages: [{ role: 'user' as const, content: PROMPT }] };
  const requestOptions = { headers: { 'x-request-id': requestId } };
  if (!stream) {
    const { data, response } = await anthropic.messages.create(body, requestOptions).withResponse();
    const text = data.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { text, headers: response.headers, completed: data.stop_reason !== null };
  }
  const { data, response } = await anthropic.messages.create({ ...body, stream: true }, requestOptions).withResponse();
  const answer: TextAnswer = { text: '', headers: response.headers, completed: false };
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

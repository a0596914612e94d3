import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { CLIENT_KEY } from './start-test-gateway';
import type { ExpectedAnswer } from './fixture-expectations';
import type { ProviderFormat, Scenario } from './mock-upstream';

/** What a client got, normalised to the same neutral terms as ExpectedAnswer. */
export type ClientAnswer = ExpectedAnswer;

export interface AskOptions {
  gatewayUrl: string;
  model: string;
  scenario: Scenario;
  stream: boolean;
  /** Gemini only: the SDK's API version ('v1beta' or undefined for the SDK default). */
  apiVersion?: string;
}

const TOOL_PROMPT = 'Add 2 and 3 and multiply 2 and 3, using the tools, in parallel.';
const TEXT_PROMPT = 'Say hi in Portuguese.';
const NUMBER_PAIR = { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] };

export function openAiClient(gatewayUrl: string, apiKey = CLIENT_KEY): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${gatewayUrl}/v1`, maxRetries: 0 });
}

export function anthropicClient(gatewayUrl: string, apiKey = CLIENT_KEY): Anthropic {
  return new Anthropic({ apiKey, baseURL: gatewayUrl, maxRetries: 0 });
}

export function geminiClient(gatewayUrl: string, apiVersion?: string, apiKey = CLIENT_KEY): GoogleGenAI {
  return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: gatewayUrl, ...(apiVersion ? { apiVersion } : {}) } });
}

export async function askWith(client: ProviderFormat, options: AskOptions): Promise<ClientAnswer> {
  if (client === 'chat') return askOpenAi(options);
  if (client === 'messages') return askAnthropic(options);
  return askGemini(options);
}

async function askOpenAi({ gatewayUrl, model, scenario, stream }: AskOptions): Promise<ClientAnswer> {
  const client = openAiClient(gatewayUrl);
  const request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
    model,
    max_completion_tokens: 1000,
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: scenario === 'tools' ? TOOL_PROMPT : TEXT_PROMPT },
    ],
    ...(scenario === 'tools'
      ? {
          tools: ['add', 'multiply'].map((name) => ({ type: 'function' as const, function: { name, description: `${name} two numbers`, parameters: NUMBER_PAIR } })),
          tool_choice: 'auto' as const,
        }
      : {}),
  };
  const completion = stream
    ? await client.chat.completions.stream({ ...request, stream: true, stream_options: { include_usage: true } }).finalChatCompletion()
    : await client.chat.completions.create(request);
  const message = completion.choices[0].message;
  const usage = completion.usage!;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    text: message.content ?? '',
    toolCalls: (message.tool_calls ?? []).map((call: any) => ({ name: call.function.name, args: JSON.parse(call.function.arguments) })),
    finish: completion.choices[0].finish_reason,
    usage: { input: usage.prompt_tokens - cached, cacheRead: cached, output: usage.completion_tokens, reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
  };
}

async function askAnthropic({ gatewayUrl, model, scenario, stream }: AskOptions): Promise<ClientAnswer> {
  const client = anthropicClient(gatewayUrl);
  const request: Anthropic.MessageCreateParamsNonStreaming = {
    model,
    max_tokens: 1000,
    system: 'You are a helpful assistant.',
    messages: [{ role: 'user', content: scenario === 'tools' ? TOOL_PROMPT : TEXT_PROMPT }],
    ...(scenario === 'tools'
      ? { tools: ['add', 'multiply'].map((name) => ({ name, description: `${name} two numbers`, input_schema: NUMBER_PAIR as Anthropic.Tool.InputSchema })) }
      : {}),
  };
  const message = stream ? await client.messages.stream(request).finalMessage() : await client.messages.create(request);
  const finishMap: Record<string, string> = { end_turn: 'stop', tool_use: 'tool_calls', max_tokens: 'length' };
  return {
    text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
    toolCalls: message.content.filter((block) => block.type === 'tool_use').map((block: any) => ({ name: block.name, args: block.input })),
    finish: finishMap[message.stop_reason ?? ''] ?? String(message.stop_reason),
    usage: { input: message.usage.input_tokens, cacheRead: message.usage.cache_read_input_tokens ?? 0, output: message.usage.output_tokens, reasoning: 0 },
  };
}

async function askGemini({ gatewayUrl, model, scenario, stream, apiVersion }: AskOptions): Promise<ClientAnswer> {
  const ai = geminiClient(gatewayUrl, apiVersion);
  const request = {
    model,
    contents: scenario === 'tools' ? TOOL_PROMPT : TEXT_PROMPT,
    config: {
      systemInstruction: 'You are a helpful assistant.',
      maxOutputTokens: 1000,
      ...(scenario === 'tools'
        ? { tools: [{ functionDeclarations: ['add', 'multiply'].map((name) => ({ name, description: `${name} two numbers`, parametersJsonSchema: NUMBER_PAIR })) }] }
        : {}),
    },
  };
  const chunks = stream ? [] : [await ai.models.generateContent(request)];
  if (stream) for await (const chunk of await ai.models.generateContentStream(request)) chunks.push(chunk);
  let text = '';
  const toolCalls: Array<{ name: string; args: unknown }> = [];
  let finish = '';
  let meta: any = {};
  for (const chunk of chunks) {
    for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
      if (part.text !== undefined && !part.thought) text += part.text;
      if (part.functionCall) toolCalls.push({ name: part.functionCall.name!, args: part.functionCall.args ?? {} });
    }
    if (chunk.candidates?.[0]?.finishReason) finish = chunk.candidates[0].finishReason;
    if (chunk.usageMetadata) meta = chunk.usageMetadata;
  }
  const cached = meta.cachedContentTokenCount ?? 0;
  const thoughts = meta.thoughtsTokenCount ?? 0;
  return {
    text,
    toolCalls,
    finish: finish === 'STOP' ? (toolCalls.length > 0 ? 'tool_calls' : 'stop') : finish === 'MAX_TOKENS' ? 'length' : finish,
    usage: { input: (meta.promptTokenCount ?? 0) - cached, cacheRead: cached, output: (meta.candidatesTokenCount ?? 0) + thoughts, reasoning: thoughts },
  };
}

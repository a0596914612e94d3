import { FIXTURE_FILES, FIXTURE_FOLDER, type ProviderFormat, type Scenario } from './mock-upstream';
import { fixtureJson, fixtureText } from './fixtures';

/** What a client must see when a provider answers with a recorded fixture, in neutral terms. */
export interface ExpectedAnswer {
  text: string;
  toolCalls: Array<{ name: string; args: unknown }>;
  /** stop | tool_calls | length */
  finish: string;
  /** Normalised: input excludes cache reads; output includes reasoning. */
  usage: { input: number; cacheRead: number; output: number; reasoning: number };
}

/**
 * Read straight from the recorded bytes with the simplest possible parsing, independently of
 * the gateway's own decoders, so an e2e test compares against the source, not against itself.
 */
export function expectedAnswer(format: ProviderFormat, scenario: Scenario, stream: boolean): ExpectedAnswer {
  const files = FIXTURE_FILES[format][scenario];
  const folder = FIXTURE_FOLDER[format];
  if (!stream) {
    const body = fixtureJson(folder, files.json);
    return format === 'chat' ? fromOpenAi([body]) : format === 'messages' ? fromAnthropic(dataOf(null, body)) : fromGemini([body]);
  }
  const events = sseData(fixtureText(folder, files.sse));
  return format === 'chat' ? fromOpenAiStream(events) : format === 'messages' ? fromAnthropic(events) : fromGemini(events);
}

function sseData(text: string): any[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trim())
    .filter((data) => data && data !== '[DONE]')
    .map((data) => JSON.parse(data));
}

function fromOpenAi(bodies: any[]): ExpectedAnswer {
  const body = bodies[0];
  const message = body.choices[0].message;
  const cached = body.usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    text: message.content ?? '',
    toolCalls: (message.tool_calls ?? []).map((call: any) => ({ name: call.function.name, args: JSON.parse(call.function.arguments) })),
    finish: body.choices[0].finish_reason,
    usage: { input: body.usage.prompt_tokens - cached, cacheRead: cached, output: body.usage.completion_tokens, reasoning: body.usage.completion_tokens_details?.reasoning_tokens ?? 0 },
  };
}

function fromOpenAiStream(chunks: any[]): ExpectedAnswer {
  let text = '';
  const calls: Array<{ name: string; args: string }> = [];
  let finish = '';
  let usage: any;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (choice.delta?.content) text += choice.delta.content;
    for (const call of choice.delta?.tool_calls ?? []) {
      calls[call.index] ??= { name: '', args: '' };
      if (call.function?.name) calls[call.index].name = call.function.name;
      if (call.function?.arguments) calls[call.index].args += call.function.arguments;
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    text,
    toolCalls: calls.map((call) => ({ name: call.name, args: JSON.parse(call.args) })),
    finish,
    usage: { input: usage.prompt_tokens - cached, cacheRead: cached, output: usage.completion_tokens, reasoning: usage.completion_tokens_details?.reasoning_tokens ?? 0 },
  };
}

/** A non-stream Anthropic message as the events a stream would have sent. */
function dataOf(_: null, message: any): any[] {
  return [{ type: 'message', message }];
}

function fromAnthropic(events: any[]): ExpectedAnswer {
  let text = '';
  const calls: Array<{ name: string; args: string; input?: unknown }> = [];
  const blockKinds: Record<number, string> = {};
  let finish = '';
  const usage = { input: 0, cacheRead: 0, output: 0, reasoning: 0 };
  const readUsage = (raw: any): void => {
    if (raw?.input_tokens !== undefined) usage.input = raw.input_tokens;
    if (raw?.cache_read_input_tokens !== undefined && raw.cache_read_input_tokens !== null) usage.cacheRead = raw.cache_read_input_tokens;
    if (raw?.output_tokens !== undefined) usage.output = raw.output_tokens;
  };
  for (const event of events) {
    if (event.type === 'message') {
      for (const block of event.message.content) {
        if (block.type === 'text') text += block.text;
        if (block.type === 'tool_use') calls.push({ name: block.name, args: '', input: block.input });
      }
      finish = event.message.stop_reason;
      readUsage(event.message.usage);
    }
    if (event.type === 'message_start') readUsage(event.message.usage);
    if (event.type === 'content_block_start') {
      blockKinds[event.index] = event.content_block.type;
      if (event.content_block.type === 'tool_use') calls.push({ name: event.content_block.name, args: '' });
    }
    if (event.type === 'content_block_delta') {
      if (event.delta.type === 'text_delta') text += event.delta.text;
      if (event.delta.type === 'input_json_delta') calls[calls.length - 1].args += event.delta.partial_json;
    }
    if (event.type === 'message_delta') {
      finish = event.delta.stop_reason;
      readUsage(event.usage);
    }
  }
  const finishMap: Record<string, string> = { end_turn: 'stop', tool_use: 'tool_calls', max_tokens: 'length' };
  return {
    text,
    toolCalls: calls.map((call) => ({ name: call.name, args: call.input ?? (call.args ? JSON.parse(call.args) : {}) })),
    finish: finishMap[finish] ?? finish,
    usage,
  };
}

function fromGemini(chunks: any[]): ExpectedAnswer {
  let text = '';
  const calls: Array<{ name: string; args: unknown }> = [];
  let finish = '';
  let meta: any = {};
  for (const chunk of chunks) {
    if (chunk.usageMetadata) meta = chunk.usageMetadata;
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (part.text !== undefined && !part.thought) text += part.text;
      if (part.functionCall) calls.push({ name: part.functionCall.name, args: part.functionCall.args ?? {} });
    }
    if (candidate?.finishReason) finish = candidate.finishReason;
  }
  const cached = meta.cachedContentTokenCount ?? 0;
  const thoughts = meta.thoughtsTokenCount ?? 0;
  return {
    text,
    toolCalls: calls,
    finish: finish === 'STOP' ? (calls.length > 0 ? 'tool_calls' : 'stop') : finish === 'MAX_TOKENS' ? 'length' : finish,
    usage: { input: (meta.promptTokenCount ?? 0) - cached, cacheRead: cached, output: (meta.candidatesTokenCount ?? 0) + thoughts, reasoning: thoughts },
  };
}

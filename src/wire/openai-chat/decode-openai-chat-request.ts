import { WireValidationError, type IrRequest, type IrResponseFormat } from '../ir';
import { decodeOpenAiChatMessages } from './decode-openai-chat-messages';
import { decodeOpenAiChatToolChoice, decodeOpenAiChatTools } from './decode-openai-chat-tools';
import { decodeOpenAiChatReasoningEffort } from './map-openai-chat-reasoning-effort';
import {
  expectArray,
  expectRecord,
  expectString,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  optionalString,
} from './read-wire-fields';

/**
 * A client's Chat Completions body → IR, validating as it reads and ignoring fields it does not
 * know. https://platform.openai.com/docs/api-reference/chat/create
 * - `max_completion_tokens` wins over the deprecated `max_tokens` when both are sent.
 * - `top_k` is not an OpenAI parameter, but vLLM and OpenRouter clients send it; it is kept for
 *   providers that have one.
 * - The legacy `functions` / `function_call` parameters are refused so tools are never dropped
 *   silently.
 */
export function decodeOpenAiChatRequest(body: unknown): IrRequest {
  const request = expectRecord(body, 'body');
  rejectLegacyFunctions(request);
  const model = expectString(request.model, 'model');
  if (!model) throw new WireValidationError('model', 'must not be empty');
  const { system, messages } = decodeOpenAiChatMessages(request.messages);
  const decoded: IrRequest = { model, system, messages, stream: optionalBoolean(request.stream, 'stream') ?? false };

  const tools = decodeOpenAiChatTools(request.tools);
  if (tools) decoded.tools = tools;
  const toolChoice = decodeOpenAiChatToolChoice(request.tool_choice);
  if (toolChoice) decoded.toolChoice = toolChoice;
  assign(decoded, 'parallelToolCalls', optionalBoolean(request.parallel_tool_calls, 'parallel_tool_calls'));

  const maxCompletionTokens = optionalNumber(request.max_completion_tokens, 'max_completion_tokens');
  assign(decoded, 'maxOutputTokens', maxCompletionTokens ?? optionalNumber(request.max_tokens, 'max_tokens'));
  assign(decoded, 'temperature', optionalNumber(request.temperature, 'temperature'));
  assign(decoded, 'topP', optionalNumber(request.top_p, 'top_p'));
  assign(decoded, 'topK', optionalNumber(request.top_k, 'top_k'));
  assign(decoded, 'stopSequences', decodeStop(request.stop));
  assign(decoded, 'seed', optionalNumber(request.seed, 'seed'));
  assign(decoded, 'presencePenalty', optionalNumber(request.presence_penalty, 'presence_penalty'));
  assign(decoded, 'frequencyPenalty', optionalNumber(request.frequency_penalty, 'frequency_penalty'));
  assign(decoded, 'candidateCount', optionalNumber(request.n, 'n'));
  assign(decoded, 'responseFormat', decodeResponseFormat(request.response_format));
  assign(decoded, 'reasoning', decodeReasoning(request.reasoning_effort));
  assign(decoded, 'user', optionalString(request.user, 'user'));
  assign(decoded, 'metadata', decodeMetadata(request.metadata));

  const streamOptions = optionalRecord(request.stream_options, 'stream_options');
  assign(decoded, 'includeUsage', optionalBoolean(streamOptions?.include_usage, 'stream_options.include_usage'));
  return decoded;
}

/** Sets a field only when it has a value, so a decoded request never holds `undefined` keys. */
function assign<K extends keyof IrRequest>(request: IrRequest, key: K, value: IrRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

function rejectLegacyFunctions(request: Record<string, unknown>): void {
  for (const field of ['functions', 'function_call']) {
    if (request[field] !== undefined && request[field] !== null) {
      throw new WireValidationError(field, 'legacy function calling is not supported; send tools and tool_choice');
    }
  }
}

function decodeStop(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  return expectArray(value, 'stop').map((entry, index) => expectString(entry, `stop[${index}]`));
}

function decodeResponseFormat(value: unknown): IrResponseFormat | undefined {
  const format = optionalRecord(value, 'response_format');
  if (!format) return undefined;
  const type = expectString(format.type, 'response_format.type');
  if (type === 'text' || type === 'json_object') return { type };
  if (type !== 'json_schema') {
    throw new WireValidationError('response_format.type', `unknown type "${type}"; expected text, json_object or json_schema`);
  }
  const jsonSchema = expectRecord(format.json_schema, 'response_format.json_schema');
  const decoded: IrResponseFormat = {
    type: 'json_schema',
    name: expectString(jsonSchema.name, 'response_format.json_schema.name'),
    schema: optionalRecord(jsonSchema.schema, 'response_format.json_schema.schema') ?? {},
  };
  const description = optionalString(jsonSchema.description, 'response_format.json_schema.description');
  if (description !== undefined) decoded.description = description;
  const strict = optionalBoolean(jsonSchema.strict, 'response_format.json_schema.strict');
  if (strict !== undefined) decoded.strict = strict;
  return decoded;
}

function decodeReasoning(value: unknown): IrRequest['reasoning'] {
  const effortName = optionalString(value, 'reasoning_effort');
  if (effortName === undefined) return undefined;
  const effort = decodeOpenAiChatReasoningEffort(effortName);
  if (!effort) {
    throw new WireValidationError('reasoning_effort', `unknown value "${effortName}"; expected none, minimal, low, medium, high, xhigh or max`);
  }
  return effort === 'none' ? { effort, enabled: false } : { effort };
}

function decodeMetadata(value: unknown): Record<string, string> | undefined {
  const metadata = optionalRecord(value, 'metadata');
  if (!metadata) return undefined;
  for (const [key, entry] of Object.entries(metadata)) {
    if (typeof entry !== 'string') throw new WireValidationError(`metadata.${key}`, 'must be a string');
  }
  return metadata as Record<string, string>;
}

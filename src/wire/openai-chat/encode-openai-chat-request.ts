import type { IrRequest, IrResponseFormat, IrToolChoice } from '../ir';
import { encodeOpenAiChatMessages } from './encode-openai-chat-messages';
import { encodeOpenAiChatReasoningEffort } from './map-openai-chat-reasoning-effort';
import type { OpenAiChatRequest, OpenAiChatResponseFormat, OpenAiChatTool, OpenAiChatToolChoice } from './openai-chat-types';

/**
 * IR → the body for an OpenAI Chat Completions provider. https://platform.openai.com/docs/api-reference/chat/create
 * - `max_completion_tokens`, not the deprecated `max_tokens` (o-series models reject the latter).
 * - `tool_choice` and `parallel_tool_calls` only travel with tools: OpenAI answers 400 to either
 *   one without `tools`.
 * - A streaming request always asks for `stream_options.include_usage`: the gateway needs usage
 *   to record cost; IrRequest.includeUsage only decides whether the client sees the usage chunk.
 * - `topK` is dropped: Chat Completions has no such parameter and OpenAI rejects unknown ones.
 */
export function encodeOpenAiChatRequest(request: IrRequest, providerModel: string): OpenAiChatRequest {
  const body: OpenAiChatRequest = { model: providerModel, messages: encodeOpenAiChatMessages(request.system, request.messages) };
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map(encodeTool);
    if (request.toolChoice) body.tool_choice = encodeToolChoice(request.toolChoice);
    if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  }
  if (request.maxOutputTokens !== undefined) body.max_completion_tokens = request.maxOutputTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stopSequences && request.stopSequences.length > 0) body.stop = request.stopSequences;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.candidateCount !== undefined) body.n = request.candidateCount;
  if (request.responseFormat) body.response_format = encodeResponseFormat(request.responseFormat);
  const effort = encodeOpenAiChatReasoningEffort(request.reasoning);
  if (effort) body.reasoning_effort = effort;
  if (request.user !== undefined) body.user = request.user;
  if (request.metadata !== undefined) body.metadata = request.metadata;
  if (request.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

function encodeTool(tool: NonNullable<IrRequest['tools']>[number]): OpenAiChatTool {
  const fn: OpenAiChatTool['function'] = { name: tool.name };
  if (tool.description !== undefined) fn.description = tool.description;
  fn.parameters = tool.parameters;
  if (tool.strict !== undefined) fn.strict = tool.strict;
  return { type: 'function', function: fn };
}

function encodeToolChoice(choice: IrToolChoice): OpenAiChatToolChoice {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

/** OpenAI requires a schema name; formats that have none get a neutral one. */
function encodeResponseFormat(format: IrResponseFormat): OpenAiChatResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Extract<OpenAiChatResponseFormat, { type: 'json_schema' }>['json_schema'] = {
    name: format.name ?? 'response',
    schema: format.schema,
  };
  if (format.description !== undefined) jsonSchema.description = format.description;
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}

import { WireValidationError, type IrResponse, type IrResponsePart } from '../ir';
import { decodeOpenAiChatToolArguments } from './convert-openai-chat-tool-arguments';
import { decodeOpenAiChatUsage } from './convert-openai-chat-usage';
import { decodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason';
import { expectArray, expectRecord, isRecord, type WireRecord } from './read-wire-fields';

/**
 * A provider's `chat.completion` body → IR. https://platform.openai.com/docs/api-reference/chat/object
 * - Only `choices[0]` is read: the IR answers one candidate (other choices of `n` > 1 are dropped).
 * - `reasoning_content` (DeepSeek, vLLM) or else `reasoning` (OpenRouter) becomes a reasoning part.
 * - A `refusal` becomes text: the IR has no refusal flag, and the client should still see it.
 * - The legacy `function_call` becomes a tool call; it has no id on the wire, so one is made up.
 * - `logprobs`, `annotations`, `audio`, `service_tier` and `system_fingerprint` have no IR field.
 */
export function decodeOpenAiChatResponse(body: unknown): IrResponse {
  const response = expectRecord(body, 'body');
  const choices = expectArray(response.choices, 'choices');
  const choice = expectRecord(choices[0], 'choices[0]');
  const message = isRecord(choice.message) ? choice.message : {};
  const decoded: IrResponse = {
    id: typeof response.id === 'string' ? response.id : '',
    model: typeof response.model === 'string' ? response.model : '',
    content: decodeMessageContent(message),
    finishReason: decodeOpenAiChatFinishReason(choice.finish_reason),
    usage: decodeOpenAiChatUsage(response.usage),
  };
  if (typeof response.created === 'number') decoded.created = response.created;
  return decoded;
}

function decodeMessageContent(message: WireRecord): IrResponsePart[] {
  const parts: IrResponsePart[] = [];
  const reasoning = text(message.reasoning_content) || text(message.reasoning);
  if (reasoning) parts.push({ type: 'reasoning', text: reasoning });
  if (text(message.content)) parts.push({ type: 'text', text: text(message.content) });
  if (text(message.refusal)) parts.push({ type: 'text', text: text(message.refusal) });
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call, index) => parts.push(decodeToolCall(call, `choices[0].message.tool_calls[${index}]`)));
  }
  if (isRecord(message.function_call)) {
    const fn = message.function_call;
    parts.push({ type: 'tool-call', id: 'call_function_0', name: text(fn.name), arguments: decodeOpenAiChatToolArguments(text(fn.arguments)) });
  }
  return parts;
}

function decodeToolCall(value: unknown, field: string): IrResponsePart {
  const call = expectRecord(value, field);
  const fn = isRecord(call.function) ? call.function : {};
  if (typeof call.id !== 'string' || typeof fn.name !== 'string') {
    throw new WireValidationError(field, 'a tool call needs an id and a function name');
  }
  // Some OpenAI-compatible servers return the arguments as an object rather than a JSON string.
  const args = isRecord(fn.arguments) ? fn.arguments : decodeOpenAiChatToolArguments(text(fn.arguments));
  return { type: 'tool-call', id: call.id, name: fn.name, arguments: args };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

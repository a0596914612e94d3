import {
  WireValidationError,
  type IrMessage,
  type IrPart,
  type IrSystemPart,
  type IrTextPart,
  type IrToolCallPart,
  type IrToolResultPart,
} from '../ir';
import { decodeOpenAiChatToolArguments } from './convert-openai-chat-tool-arguments';
import { decodeOpenAiChatContentPart, type IrUserContentPart } from './decode-openai-chat-content-part';
import { expectArray, expectRecord, expectString, isRecord, optionalString, type WireRecord } from './read-wire-fields';

export interface DecodedOpenAiChatMessages {
  system: IrSystemPart[];
  messages: IrMessage[];
}

/**
 * `messages` → IR system parts and turns. https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 * - `system` and `developer` messages become IrRequest.system in order, wherever they stood: the
 *   IR keeps instructions apart from turns, as Anthropic and Gemini do.
 * - A run of `tool` messages becomes one IR user message of tool results (the Anthropic shape);
 *   each result learns its tool's name from the assistant call it answers, which Gemini needs.
 * - `name` on a message has no IR equivalent and is dropped.
 */
export function decodeOpenAiChatMessages(value: unknown): DecodedOpenAiChatMessages {
  const list = expectArray(value, 'messages');
  if (list.length === 0) throw new WireValidationError('messages', 'must contain at least one message');
  const system: IrSystemPart[] = [];
  const messages: IrMessage[] = [];
  const toolNames = new Map<string, string>();
  let previousRole = '';
  list.forEach((entry, index) => {
    const field = `messages[${index}]`;
    const message = expectRecord(entry, field);
    const role = expectString(message.role, `${field}.role`);
    switch (role) {
      case 'system':
      case 'developer':
        system.push(...decodeInstructions(message.content, role, `${field}.content`));
        break;
      case 'user':
        messages.push({ role: 'user', content: decodeUserContent(message.content, `${field}.content`) });
        break;
      case 'assistant': {
        const assistant = decodeAssistantMessage(message, field);
        for (const part of assistant.content) if (part.type === 'tool-call') toolNames.set(part.id, part.name);
        messages.push(assistant);
        break;
      }
      case 'tool': {
        const result = decodeToolMessage(message, field, toolNames);
        const last = messages[messages.length - 1];
        if (previousRole === 'tool' && last?.role === 'user') last.content.push(result);
        else messages.push({ role: 'user', content: [result] });
        break;
      }
      case 'function':
        throw new WireValidationError(`${field}.role`, 'the legacy "function" role is not supported; answer tool calls with "tool" messages');
      default:
        throw new WireValidationError(`${field}.role`, `unknown role "${role}"; expected system, developer, user, assistant or tool`);
    }
    previousRole = role;
  });
  return { system, messages };
}

function decodeInstructions(content: unknown, role: 'system' | 'developer', field: string): IrSystemPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content, role }];
  if (!Array.isArray(content)) throw new WireValidationError(field, 'must be a string or an array of text parts');
  return content.map((entry, index) => {
    const part = decodeOpenAiChatContentPart(entry, `${field}[${index}]`);
    if (part.type !== 'text') throw new WireValidationError(`${field}[${index}].type`, `${role} messages take text parts only`);
    return { ...part, role };
  });
}

function decodeUserContent(content: unknown, field: string): IrUserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw new WireValidationError(field, 'must be a string or an array of content parts');
  return content.map((entry, index) => decodeOpenAiChatContentPart(entry, `${field}[${index}]`));
}

/**
 * Order in the IR turn: reasoning, text, tool calls (the order a model produces them).
 * `reasoning_content` (DeepSeek, vLLM) wins over `reasoning` (OpenRouter) because some servers
 * send both with the same text. A refusal is kept as text: the IR has no refusal flag.
 */
function decodeAssistantMessage(message: WireRecord, field: string): IrMessage {
  if (message.function_call !== undefined && message.function_call !== null) {
    throw new WireValidationError(`${field}.function_call`, 'legacy function calls are not supported; send tool_calls');
  }
  const content: IrPart[] = [];
  const reasoning =
    optionalString(message.reasoning_content, `${field}.reasoning_content`) ?? optionalString(message.reasoning, `${field}.reasoning`);
  if (reasoning) content.push({ type: 'reasoning', text: reasoning });
  content.push(...decodeAssistantText(message.content, `${field}.content`));
  const refusal = optionalString(message.refusal, `${field}.refusal`);
  if (refusal) content.push({ type: 'text', text: refusal });
  if (message.tool_calls !== undefined && message.tool_calls !== null) {
    const toolCalls = expectArray(message.tool_calls, `${field}.tool_calls`);
    toolCalls.forEach((call, index) => content.push(decodeToolCall(call, `${field}.tool_calls[${index}]`)));
  }
  return { role: 'assistant', content };
}

/** Empty strings are skipped: clients send `content: ""` beside tool calls, and Anthropic rejects empty text blocks. */
function decodeAssistantText(content: unknown, field: string): IrTextPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content ? [{ type: 'text', text: content }] : [];
  if (!Array.isArray(content)) throw new WireValidationError(field, 'must be a string, null or an array of text parts');
  const parts: IrTextPart[] = [];
  content.forEach((entry, index) => {
    const partField = `${field}[${index}]`;
    const part = expectRecord(entry, partField);
    if (part.type === 'refusal') {
      parts.push({ type: 'text', text: expectString(part.refusal, `${partField}.refusal`) });
      return;
    }
    const decoded = decodeOpenAiChatContentPart(part, partField);
    if (decoded.type !== 'text') throw new WireValidationError(`${partField}.type`, 'assistant messages take text and refusal parts only');
    if (decoded.text) parts.push(decoded);
  });
  return parts;
}

function decodeToolCall(value: unknown, field: string): IrToolCallPart {
  const call = expectRecord(value, field);
  const type = optionalString(call.type, `${field}.type`);
  if (type !== undefined && type !== 'function') {
    throw new WireValidationError(`${field}.type`, `unsupported tool call type "${type}"; only function tool calls can be translated`);
  }
  const fn = expectRecord(call.function, `${field}.function`);
  const args = fn.arguments;
  return {
    type: 'tool-call',
    id: expectString(call.id, `${field}.id`),
    name: expectString(fn.name, `${field}.function.name`),
    // Some clients echo arguments back as an object instead of the JSON string OpenAI returned.
    arguments: isRecord(args) ? args : decodeOpenAiChatToolArguments(optionalString(args, `${field}.function.arguments`) ?? ''),
  };
}

function decodeToolMessage(message: WireRecord, field: string, toolNames: Map<string, string>): IrToolResultPart {
  const toolCallId = expectString(message.tool_call_id, `${field}.tool_call_id`);
  const result: IrToolResultPart = { type: 'tool-result', toolCallId, content: decodeToolContent(message.content, `${field}.content`) };
  const toolName = toolNames.get(toolCallId);
  if (toolName !== undefined) result.toolName = toolName;
  return result;
}

/** OpenAI documents text parts only; image and file parts are accepted too since the IR can carry them. */
function decodeToolContent(content: unknown, field: string): IrUserContentPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw new WireValidationError(field, 'must be a string or an array of text parts');
  return content.map((entry, index) => decodeOpenAiChatContentPart(entry, `${field}[${index}]`));
}

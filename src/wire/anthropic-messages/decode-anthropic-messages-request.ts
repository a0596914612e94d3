import { WireValidationError, type IrMessage, type IrRequest, type IrResponseFormat, type IrSystemPart } from '../ir';
import {
  readArray,
  readObject,
  readOptionalBoolean,
  readOptionalInteger,
  readOptionalNumber,
  readOptionalObject,
  readOptionalString,
  readOptionalStringArray,
  readString,
  type JsonObject,
} from './anthropic-messages-field-readers';
import { decodeAnthropicMessagesContent, type ToolNamesById } from './decode-anthropic-messages-content';
import { decodeAnthropicMessagesReasoning } from './decode-anthropic-messages-reasoning';
import { decodeAnthropicMessagesTools } from './decode-anthropic-messages-tools';

/**
 * A client's `POST /v1/messages` body → IR (https://docs.anthropic.com/en/api/messages).
 * Validates as it reads and throws WireValidationError naming the field; unknown fields are
 * ignored. `max_tokens` is required by Anthropic but not here: a missing value lets the target
 * encoder apply its own default instead of failing a request another provider would accept.
 * Messages with `role: "system"` (newer API versions) join `system` in order; the IR has no
 * mid-conversation system turn.
 */
export function decodeAnthropicMessagesRequest(body: unknown): IrRequest {
  const request = readObject(body, 'body');
  const system = decodeSystem(request.system, 'system');
  const messages: IrMessage[] = [];
  const toolNames: ToolNamesById = new Map();
  readArray(request.messages, 'messages').forEach((value, index) => {
    const field = `messages[${index}]`;
    const message = readObject(value, field);
    const role = readString(message.role, `${field}.role`);
    if (role === 'system') {
      system.push(...decodeSystem(message.content, `${field}.content`));
    } else if (role === 'user' || role === 'assistant') {
      messages.push({ role, content: decodeAnthropicMessagesContent(message.content, `${field}.content`, toolNames) });
    } else {
      throw new WireValidationError(`${field}.role`, 'must be "user" or "assistant"');
    }
  });

  const decoded: IrRequest = {
    model: readString(request.model, 'model'),
    system,
    messages,
    stream: readOptionalBoolean(request.stream, 'stream') ?? false,
    ...decodeAnthropicMessagesTools(request.tools, request.tool_choice),
  };
  assignDefined(decoded, 'maxOutputTokens', readOptionalInteger(request.max_tokens, 'max_tokens', 1));
  assignDefined(decoded, 'temperature', readOptionalNumber(request.temperature, 'temperature'));
  assignDefined(decoded, 'topP', readOptionalNumber(request.top_p, 'top_p'));
  assignDefined(decoded, 'topK', readOptionalInteger(request.top_k, 'top_k'));
  assignDefined(decoded, 'stopSequences', readOptionalStringArray(request.stop_sequences, 'stop_sequences'));
  const metadata = readOptionalObject(request.metadata, 'metadata');
  assignDefined(decoded, 'user', readOptionalString(metadata?.user_id, 'metadata.user_id'));
  assignDefined(decoded, 'reasoning', decodeAnthropicMessagesReasoning(request.thinking, request.output_config));
  assignDefined(decoded, 'responseFormat', decodeOutputFormat(request.output_config));
  return decoded;
}

function decodeSystem(value: unknown, field: string): IrSystemPart[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  return readArray(value, field).map((item, index) => {
    const blockField = `${field}[${index}]`;
    const block = readObject(item, blockField);
    if (block.type !== 'text') throw new WireValidationError(`${blockField}.type`, 'must be "text"');
    const part: IrSystemPart = { type: 'text', text: readString(block.text, `${blockField}.text`) };
    const cacheControl = readOptionalObject(block.cache_control, `${blockField}.cache_control`);
    if (cacheControl !== undefined) part.cacheControl = cacheControl;
    return part;
  });
}

/** Structured outputs: `output_config.format` {type: json_schema, schema}. */
function decodeOutputFormat(outputConfigValue: unknown): IrResponseFormat | undefined {
  const outputConfig = readOptionalObject(outputConfigValue, 'output_config');
  const format: JsonObject | undefined = readOptionalObject(outputConfig?.format, 'output_config.format');
  if (!format) return undefined;
  if (format.type !== 'json_schema') throw new WireValidationError('output_config.format.type', 'must be "json_schema"');
  return { type: 'json_schema', schema: readObject(format.schema, 'output_config.format.schema') };
}

function assignDefined<K extends keyof IrRequest>(request: IrRequest, key: K, value: IrRequest[K] | undefined): void {
  if (value !== undefined) request[key] = value;
}

import type { IrResponse, IrResponsePart } from '../ir';
import { isJsonObject, readArray, readObject, readOptionalString, readString } from './anthropic-messages-field-readers';
import { convertAnthropicMessagesUsage } from './convert-anthropic-messages-usage';
import { decodeAnthropicMessagesFinishReason } from './map-anthropic-messages-finish-reason';

/**
 * A provider's non-streaming Message → IR (https://docs.anthropic.com/en/api/messages#response).
 * Text, thinking (with signature), redacted thinking and tool_use carry over; citations and
 * server-tool blocks (server_tool_use, web_search_tool_result, …) are dropped on purpose: no
 * other client format can show them.
 */
export function decodeAnthropicMessagesResponse(body: unknown): IrResponse {
  const message = readObject(body, 'body');
  const content: IrResponsePart[] = [];
  readArray(message.content, 'content').forEach((value, index) => {
    const part = decodeResponseBlock(value, `content[${index}]`);
    if (part) content.push(part);
  });
  const response: IrResponse = {
    id: readString(message.id, 'id'),
    model: readOptionalString(message.model, 'model') ?? '',
    content,
    finishReason: decodeAnthropicMessagesFinishReason(message.stop_reason),
    usage: convertAnthropicMessagesUsage(message.usage),
  };
  if (typeof message.stop_sequence === 'string') response.stopSequence = message.stop_sequence;
  return response;
}

function decodeResponseBlock(value: unknown, field: string): IrResponsePart | undefined {
  if (!isJsonObject(value)) return undefined;
  switch (value.type) {
    case 'text':
      return { type: 'text', text: readString(value.text, `${field}.text`) };
    case 'thinking': {
      const text = readString(value.thinking, `${field}.thinking`);
      const signature = readOptionalString(value.signature, `${field}.signature`);
      return signature ? { type: 'reasoning', text, signature } : { type: 'reasoning', text };
    }
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redactedData: readString(value.data, `${field}.data`) };
    case 'tool_use':
      return {
        type: 'tool-call',
        id: readString(value.id, `${field}.id`),
        name: readString(value.name, `${field}.name`),
        arguments: value.input ?? {},
      };
    default:
      return undefined;
  }
}

import type { IrResponse } from '../ir';
import type { AnthropicMessagesResponse, AnthropicMessagesResponseBlock } from './anthropic-messages-types';
import { encodeAnthropicMessagesUsage } from './convert-anthropic-messages-usage';
import { toAnthropicToolInput } from './encode-anthropic-messages-content';
import { encodeAnthropicMessagesFinishReason } from './map-anthropic-messages-finish-reason';

/**
 * IR → the Message an Anthropic client expects; `model` is the name the client asked for.
 * Reasoning from a provider that does not sign it becomes a thinking block with an empty
 * signature (sent back later, the request encoder drops it). Gemini signatures on text and tool
 * calls have no place in an Anthropic Message: dropped on purpose. Empty text parts are skipped.
 */
export function encodeAnthropicMessagesResponse(response: IrResponse, model: string): AnthropicMessagesResponse {
  const content = response.content.flatMap((part): AnthropicMessagesResponseBlock[] => {
    switch (part.type) {
      case 'text':
        return part.text === '' ? [] : [{ type: 'text', text: part.text }];
      case 'reasoning':
        return part.redactedData !== undefined
          ? [{ type: 'redacted_thinking', data: part.redactedData }]
          : [{ type: 'thinking', thinking: part.text, signature: part.signature ?? '' }];
      case 'tool-call':
        return [{ type: 'tool_use', id: part.id, name: part.name, input: toAnthropicToolInput(part.arguments) }];
    }
  });
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: encodeAnthropicMessagesFinishReason(response.finishReason),
    stop_sequence: response.stopSequence ?? null,
    usage: encodeAnthropicMessagesUsage(response.usage),
  };
}

import type { IrMessage, IrSystemPart, IrTextPart, IrToolCallPart } from '../ir';
import { encodeOpenAiChatToolArguments } from './convert-openai-chat-tool-arguments';
import { encodeOpenAiChatContentPart } from './encode-openai-chat-content-part';
import type {
  OpenAiChatAssistantMessage,
  OpenAiChatContentPart,
  OpenAiChatMessage,
  OpenAiChatTextPart,
  OpenAiChatToolMessage,
} from './openai-chat-types';

/**
 * IR system parts and turns → `messages` for an upstream request.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 * - Each system part is its own `system` / `developer` message (its recorded role, else `system`).
 * - An IR user turn opens with one `tool` message per tool result, because OpenAI requires the
 *   answers to come straight after the assistant's tool calls; the turn's other content follows
 *   as a `user` message. Tool messages carry text only, so images and documents from results
 *   move into that user message. `isError` has no OpenAI field and is dropped.
 * - Assistant reasoning is not sent back: Chat Completions has no input field for it and
 *   DeepSeek rejects `reasoning_content` in requests. Signatures have nowhere to go either.
 */
export function encodeOpenAiChatMessages(system: IrSystemPart[], messages: IrMessage[]): OpenAiChatMessage[] {
  const encoded: OpenAiChatMessage[] = system.map((part) => ({ role: part.role ?? 'system', content: part.text }));
  messages.forEach((message, index) => {
    if (message.role === 'assistant') encoded.push(encodeAssistantMessage(message));
    else encoded.push(...encodeUserMessage(message, `messages[${index}]`));
  });
  return encoded;
}

function encodeAssistantMessage(message: IrMessage): OpenAiChatAssistantMessage {
  const texts: IrTextPart[] = [];
  const toolCalls: IrToolCallPart[] = [];
  for (const part of message.content) {
    if (part.type === 'text') texts.push(part);
    else if (part.type === 'tool-call') toolCalls.push(part);
  }
  const encoded: OpenAiChatAssistantMessage = { role: 'assistant' };
  if (texts.length > 0 || toolCalls.length === 0) encoded.content = assistantContent(texts);
  if (toolCalls.length > 0) {
    encoded.tool_calls = toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: encodeOpenAiChatToolArguments(call.arguments) },
    }));
  }
  return encoded;
}

/** Content may be left out beside tool calls; a turn with neither still needs some. */
function assistantContent(texts: IrTextPart[]): OpenAiChatAssistantMessage['content'] {
  if (texts.length === 0) return '';
  if (texts.length === 1) return texts[0].text;
  return texts.map((part) => ({ type: 'text', text: part.text }));
}

function encodeUserMessage(message: IrMessage, field: string): OpenAiChatMessage[] {
  const toolMessages: OpenAiChatToolMessage[] = [];
  const userContent: OpenAiChatContentPart[] = [];
  message.content.forEach((part, index) => {
    const partField = `${field}.content[${index}]`;
    if (part.type === 'tool-result') {
      const texts: OpenAiChatTextPart[] = [];
      part.content.forEach((resultPart, resultIndex) => {
        const encoded = encodeOpenAiChatContentPart(resultPart, `${partField}.content[${resultIndex}]`);
        if (encoded.type === 'text') texts.push(encoded);
        else userContent.push(encoded);
      });
      toolMessages.push({ role: 'tool', tool_call_id: part.toolCallId, content: texts.length === 1 ? texts[0].text : texts.length === 0 ? '' : texts });
    } else if (part.type === 'text' || part.type === 'image' || part.type === 'document') {
      userContent.push(encodeOpenAiChatContentPart(part, partField));
    }
  });
  if (userContent.length === 0) return toolMessages.length > 0 ? toolMessages : [{ role: 'user', content: [] }];
  const only = userContent[0];
  const content = userContent.length === 1 && only.type === 'text' ? only.text : userContent;
  return [...toolMessages, { role: 'user', content }];
}

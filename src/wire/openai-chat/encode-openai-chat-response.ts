import type { IrResponse } from '../ir';
import { encodeOpenAiChatToolArguments } from './convert-openai-chat-tool-arguments';
import { encodeOpenAiChatUsage } from './convert-openai-chat-usage';
import { encodeOpenAiChatFinishReason } from './map-openai-chat-finish-reason';
import type { OpenAiChatResponse, OpenAiChatResponseMessage } from './openai-chat-types';

/**
 * IR → the `chat.completion` body an OpenAI client expects. https://platform.openai.com/docs/api-reference/chat/object
 * - Text parts join into `content` and reasoning parts into `reasoning_content` (the DeepSeek /
 *   vLLM field most OpenAI-compatible clients read), both with no separator, exactly as a client
 *   concatenating the stream's deltas would see them.
 * - Reasoning signatures, redacted reasoning and text signatures have no Chat Completions field
 *   and are dropped.
 * - `model` is the name the client asked for, not the provider's.
 */
export function encodeOpenAiChatResponse(response: IrResponse, model: string, now: () => number = Date.now): OpenAiChatResponse {
  let text = '';
  let reasoning = '';
  const message: OpenAiChatResponseMessage = { role: 'assistant', content: null, refusal: null };
  for (const part of response.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') reasoning += part.text;
    else {
      message.tool_calls ??= [];
      message.tool_calls.push({
        id: part.id,
        type: 'function',
        function: { name: part.name, arguments: encodeOpenAiChatToolArguments(part.arguments) },
      });
    }
  }
  if (text || !message.tool_calls) message.content = text;
  if (reasoning) message.reasoning_content = reasoning;
  return {
    id: response.id,
    object: 'chat.completion',
    created: response.created ?? Math.floor(now() / 1000),
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: encodeOpenAiChatFinishReason(response.finishReason) }],
    usage: encodeOpenAiChatUsage(response.usage),
  };
}

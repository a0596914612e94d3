import type { IrRequest } from '../ir';
import type { AnthropicMessagesMessage, AnthropicMessagesRequest, AnthropicMessagesTextBlock } from './anthropic-messages-types';
import { encodeAnthropicMessagesMessages } from './encode-anthropic-messages-content';
import { encodeAnthropicMessagesThinking } from './encode-anthropic-messages-thinking';
import { encodeAnthropicMessagesTools } from './encode-anthropic-messages-tools';

/**
 * IR → the body Plexus sends to Anthropic `POST /v1/messages` (https://docs.anthropic.com/en/api/messages).
 *
 * Provider rules applied here:
 * - `system` is a list of text blocks (keeps cache_control); the OpenAI system/developer
 *   distinction does not exist in Anthropic and is dropped.
 * - `temperature` is 0–1 in Anthropic (0–2 in OpenAI): clamped to 1.
 * - With thinking enabled, Anthropic rejects a changed temperature, any top_k, a top_p below
 *   0.95 and a forced tool choice
 *   (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#feature-compatibility):
 *   those sampling parameters are left out, and a forced tool choice wins over thinking.
 *   Thinking is also left out when the conversation continues a tool-use turn that opens with
 *   no signed thinking block (history from another provider), which Anthropic would reject.
 * - `metadata.user_id` carries the IR user; other IR metadata has no Anthropic field.
 *
 * Dropped on purpose (no Anthropic equivalent): seed, presence/frequency penalties, candidate
 * count, include-usage (Anthropic streams always carry usage), and response format. Anthropic's
 * structured outputs (`output_config.format`) are model-dependent; sending them to an older
 * model would fail a request that otherwise works.
 */
export function encodeAnthropicMessagesRequest(request: IrRequest, providerModel: string): AnthropicMessagesRequest {
  const messages = encodeAnthropicMessagesMessages(request.messages);
  const tools = encodeAnthropicMessagesTools(request);
  const forcedToolChoice = tools.tool_choice?.type === 'any' || tools.tool_choice?.type === 'tool';
  const thinkingAllowed = !forcedToolChoice && !unsignedToolUseTurn(messages);
  const { thinking, maxTokens } = encodeAnthropicMessagesThinking(thinkingAllowed ? request.reasoning : undefined, request.maxOutputTokens);
  const thinkingOn = thinking?.type === 'enabled';

  const body: AnthropicMessagesRequest = { model: providerModel, max_tokens: maxTokens, messages };
  if (request.system.length > 0) {
    body.system = request.system.map((part) => {
      const block: AnthropicMessagesTextBlock = { type: 'text', text: part.text };
      if (part.cacheControl !== undefined) block.cache_control = part.cacheControl as AnthropicMessagesTextBlock['cache_control'];
      return block;
    });
  }
  Object.assign(body, tools);
  if (thinking) body.thinking = thinking;
  if (request.temperature !== undefined && (!thinkingOn || request.temperature === 1)) body.temperature = Math.min(request.temperature, 1);
  if (request.topP !== undefined && (!thinkingOn || request.topP >= 0.95)) body.top_p = request.topP;
  if (request.topK !== undefined && !thinkingOn) body.top_k = request.topK;
  if (request.stopSequences && request.stopSequences.length > 0) body.stop_sequences = request.stopSequences;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (request.stream) body.stream = true;
  return body;
}

/**
 * The conversation is inside a tool-use loop (it ends with tool results) whose assistant turn
 * does not open with a signed thinking block.
 */
function unsignedToolUseTurn(messages: AnthropicMessagesMessage[]): boolean {
  const last = messages.at(-1);
  const answersTools = last?.role === 'user' && Array.isArray(last.content) && last.content.some((block) => block.type === 'tool_result');
  const lastAssistant = messages.findLast((message) => message.role === 'assistant');
  if (!answersTools || !lastAssistant || typeof lastAssistant.content === 'string') return false;
  const first = lastAssistant.content[0];
  return first?.type !== 'thinking' && first?.type !== 'redacted_thinking';
}

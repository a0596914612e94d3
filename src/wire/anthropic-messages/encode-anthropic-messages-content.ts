import type { IrCacheControl, IrDocumentPart, IrImagePart, IrMediaSource, IrMessage, IrPart, IrToolResultPart } from '../ir';
import type {
  AnthropicMessagesCacheControl,
  AnthropicMessagesContentBlock,
  AnthropicMessagesDocumentBlock,
  AnthropicMessagesImageBlock,
  AnthropicMessagesMessage,
  AnthropicMessagesTextBlock,
  AnthropicMessagesToolResultBlock,
  AnthropicMessagesToolUseBlock,
} from './anthropic-messages-types';
import { isJsonObject } from './anthropic-messages-field-readers';

type Role = AnthropicMessagesMessage['role'];

/**
 * IR messages → Anthropic `messages` (https://docs.anthropic.com/en/api/messages#body-messages).
 * Anthropic wants strictly alternating user/assistant turns, tool_result blocks first in the
 * user turn that answers a tool_use turn, and no empty turn or empty text block, so consecutive
 * same-role messages are merged and emptied turns removed.
 *
 * Dropped on purpose:
 * - reasoning without a signature (Anthropic rejects unsigned thinking in an assistant turn),
 *   and any reasoning in a user turn;
 * - the Gemini `signature` of a tool call or text part: it is a Gemini thoughtSignature that
 *   Anthropic cannot verify, and placing it in a thinking block would fail the request;
 * - OpenAI image `detail`.
 */
export function encodeAnthropicMessagesMessages(messages: IrMessage[]): AnthropicMessagesMessage[] {
  const encoded: Array<{ role: Role; content: AnthropicMessagesContentBlock[] }> = [];
  for (const message of messages) {
    const blocks = message.content.flatMap((part) => encodePart(part, message.role));
    if (blocks.length === 0) continue;
    const previous = encoded.at(-1);
    if (previous && previous.role === message.role) previous.content.push(...blocks);
    else encoded.push({ role: message.role, content: blocks });
  }
  for (const message of encoded) {
    if (message.role === 'user') message.content = toolResultsFirst(message.content);
  }
  return encoded;
}

function encodePart(part: IrPart, role: Role): AnthropicMessagesContentBlock[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? [] : [withCache<AnthropicMessagesTextBlock>({ type: 'text', text: part.text }, part.cacheControl)];
    case 'image':
      return [encodeImage(part)];
    case 'document':
      return [encodeDocument(part)];
    case 'reasoning':
      if (role !== 'assistant') return [];
      if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
      return part.signature ? [{ type: 'thinking', thinking: part.text, signature: part.signature }] : [];
    case 'tool-call':
      return [
        withCache<AnthropicMessagesToolUseBlock>(
          { type: 'tool_use', id: toAnthropicToolUseId(part.id), name: part.name, input: toAnthropicToolInput(part.arguments) },
          part.cacheControl,
        ),
      ];
    case 'tool-result':
      return [encodeToolResult(part)];
  }
}

function encodeImage(part: IrImagePart): AnthropicMessagesImageBlock {
  const source = resolveDataUrl(part.source);
  return withCache<AnthropicMessagesImageBlock>(
    {
      type: 'image',
      source: source.kind === 'base64' ? { type: 'base64', media_type: source.mediaType, data: source.data } : { type: 'url', url: source.url },
    },
    part.cacheControl,
  );
}

/** Plain text travels as a `text` source (the decoder's base64 `text/plain` comes back out). */
function encodeDocument(part: IrDocumentPart): AnthropicMessagesDocumentBlock {
  const source = resolveDataUrl(part.source);
  const block: AnthropicMessagesDocumentBlock = {
    type: 'document',
    source:
      source.kind === 'url' ? { type: 'url', url: source.url }
      : source.mediaType === 'text/plain' ? { type: 'text', media_type: 'text/plain', data: Buffer.from(source.data, 'base64').toString('utf8') }
      : { type: 'base64', media_type: source.mediaType, data: source.data },
  };
  if (part.title !== undefined) block.title = part.title;
  return withCache(block, part.cacheControl);
}

function encodeToolResult(part: IrToolResultPart): AnthropicMessagesToolResultBlock {
  const block: AnthropicMessagesToolResultBlock = { type: 'tool_result', tool_use_id: toAnthropicToolUseId(part.toolCallId) };
  const content = part.content.flatMap((item): Array<AnthropicMessagesTextBlock | AnthropicMessagesImageBlock | AnthropicMessagesDocumentBlock> => {
    if (item.type === 'text') return item.text === '' ? [] : [withCache<AnthropicMessagesTextBlock>({ type: 'text', text: item.text }, item.cacheControl)];
    return item.type === 'image' ? [encodeImage(item)] : [encodeDocument(item)];
  });
  if (content.length > 0) block.content = content;
  if (part.isError) block.is_error = true;
  return withCache(block, part.cacheControl);
}

/** A `data:` URL (OpenAI clients inline images that way) is base64 to Anthropic, not a URL. */
function resolveDataUrl(source: IrMediaSource): IrMediaSource {
  if (source.kind !== 'url') return source;
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
  return match ? { kind: 'base64', mediaType: match[1], data: match[2] } : source;
}

/**
 * Anthropic requires `input` to be an object. Arguments that arrive as a JSON string (a provider
 * that sent unparsable or double-encoded arguments) are parsed; anything else becomes `{}`.
 */
export function toAnthropicToolInput(value: unknown): Record<string, unknown> {
  if (isJsonObject(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isJsonObject(parsed)) return parsed;
    } catch {
      // not JSON: falls through to an empty input
    }
  }
  return {};
}

/** Anthropic tool_use ids must match ^[a-zA-Z0-9_-]+$; the same rewrite applies to both ends of a pair. */
export function toAnthropicToolUseId(id: string): string {
  const sanitized = id.replace(/[^a-zA-Z0-9_-]/g, '_');
  return sanitized === '' ? 'toolu_' : sanitized;
}

function toolResultsFirst(blocks: AnthropicMessagesContentBlock[]): AnthropicMessagesContentBlock[] {
  return [...blocks.filter((block) => block.type === 'tool_result'), ...blocks.filter((block) => block.type !== 'tool_result')];
}

function withCache<T extends { cache_control?: AnthropicMessagesCacheControl }>(block: T, cacheControl: IrCacheControl | undefined): T {
  if (cacheControl !== undefined) block.cache_control = cacheControl as AnthropicMessagesCacheControl;
  return block;
}

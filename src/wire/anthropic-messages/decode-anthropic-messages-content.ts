import {
  WireValidationError,
  type IrCacheControl,
  type IrDocumentPart,
  type IrImagePart,
  type IrMediaSource,
  type IrPart,
  type IrTextPart,
  type IrToolCallPart,
  type IrToolResultPart,
} from '../ir';
import {
  readArray,
  readObject,
  readOptionalBoolean,
  readOptionalObject,
  readOptionalString,
  readString,
} from './anthropic-messages-field-readers';

/** Tool-use ids seen so far → tool name; Gemini matches a tool result by name, not id. */
export type ToolNamesById = Map<string, string>;

/**
 * A message's `content` (string or blocks) → IR parts. Blocks the IR cannot carry are dropped on
 * purpose: server-tool blocks (server_tool_use, web_search_tool_result, …), search_result,
 * Files API sources (`source.type: file`), and citations on text. Same-format traffic never
 * needs them here: it is forwarded untouched (DESIGN.md).
 */
export function decodeAnthropicMessagesContent(content: unknown, field: string, toolNames: ToolNamesById): IrPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw new WireValidationError(field, 'must be a string or an array of content blocks');
  const parts: IrPart[] = [];
  content.forEach((block, index) => {
    const part = decodeBlock(block, `${field}[${index}]`, toolNames);
    if (part) parts.push(part);
  });
  return parts;
}

function decodeBlock(block: unknown, field: string, toolNames: ToolNamesById): IrPart | undefined {
  const object = readObject(block, field);
  const type = readString(object.type, `${field}.type`);
  switch (type) {
    case 'text':
      return decodeText(object, field);
    case 'image':
      return decodeImage(object, field);
    case 'document':
      return decodeDocument(object, field);
    case 'tool_use': {
      const id = readString(object.id, `${field}.id`);
      const name = readString(object.name, `${field}.name`);
      toolNames.set(id, name);
      return withCache<IrToolCallPart>(
        { type: 'tool-call', id, name, arguments: object.input ?? {} },
        readOptionalObject(object.cache_control, `${field}.cache_control`),
      );
    }
    case 'tool_result':
      return decodeToolResult(object, field, toolNames);
    case 'thinking': {
      const signature = readOptionalString(object.signature, `${field}.signature`);
      const text = readString(object.thinking, `${field}.thinking`);
      return signature ? { type: 'reasoning', text, signature } : { type: 'reasoning', text };
    }
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redactedData: readString(object.data, `${field}.data`) };
    default:
      return undefined;
  }
}

function decodeText(object: Record<string, unknown>, field: string): IrTextPart {
  return withCache<IrTextPart>(
    { type: 'text', text: readString(object.text, `${field}.text`) },
    readOptionalObject(object.cache_control, `${field}.cache_control`),
  );
}

function decodeImage(object: Record<string, unknown>, field: string): IrImagePart | undefined {
  const source = decodeMediaSource(object.source, `${field}.source`);
  if (!source) return undefined;
  return withCache<IrImagePart>({ type: 'image', source }, readOptionalObject(object.cache_control, `${field}.cache_control`));
}

function decodeDocument(object: Record<string, unknown>, field: string): IrDocumentPart | undefined {
  const source = decodeMediaSource(object.source, `${field}.source`);
  if (!source) return undefined;
  const part: IrDocumentPart = { type: 'document', source };
  const title = readOptionalString(object.title, `${field}.title`);
  if (title !== undefined) part.title = title;
  return withCache(part, readOptionalObject(object.cache_control, `${field}.cache_control`));
}

/**
 * Image and document sources. A plain-text document (`type: text`, or `type: content` holding
 * text) becomes base64 `text/plain` so it fits the IR's two source kinds; the encoder turns it
 * back into a text source. A URL document is a PDF by Anthropic's definition.
 */
function decodeMediaSource(value: unknown, field: string): IrMediaSource | undefined {
  const source = readObject(value, field);
  const type = readString(source.type, `${field}.type`);
  switch (type) {
    case 'base64':
      return {
        kind: 'base64',
        mediaType: readString(source.media_type, `${field}.media_type`),
        data: readString(source.data, `${field}.data`),
      };
    case 'url':
      return { kind: 'url', url: readString(source.url, `${field}.url`) };
    case 'text':
      return plainText(readString(source.data, `${field}.data`));
    case 'content': {
      const text = contentSourceText(source.content, `${field}.content`);
      return text === undefined ? undefined : plainText(text);
    }
    default:
      return undefined;
  }
}

function contentSourceText(content: unknown, field: string): string | undefined {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  readArray(content, field).forEach((item, index) => {
    const block = readObject(item, `${field}[${index}]`);
    if (block.type === 'text') texts.push(readString(block.text, `${field}[${index}].text`));
  });
  return texts.length > 0 ? texts.join('\n') : undefined;
}

function plainText(text: string): IrMediaSource {
  return { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(text, 'utf8').toString('base64') };
}

function decodeToolResult(object: Record<string, unknown>, field: string, toolNames: ToolNamesById): IrToolResultPart {
  const toolCallId = readString(object.tool_use_id, `${field}.tool_use_id`);
  const part: IrToolResultPart = { type: 'tool-result', toolCallId, content: decodeToolResultContent(object.content, `${field}.content`) };
  const toolName = toolNames.get(toolCallId);
  if (toolName !== undefined) part.toolName = toolName;
  if (readOptionalBoolean(object.is_error, `${field}.is_error`)) part.isError = true;
  return withCache(part, readOptionalObject(object.cache_control, `${field}.cache_control`));
}

function decodeToolResultContent(content: unknown, field: string): IrToolResultPart['content'] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: IrToolResultPart['content'] = [];
  readArray(content, field).forEach((block, index) => {
    const blockField = `${field}[${index}]`;
    const object = readObject(block, blockField);
    const type = readString(object.type, `${blockField}.type`);
    const part =
      type === 'text' ? decodeText(object, blockField)
      : type === 'image' ? decodeImage(object, blockField)
      : type === 'document' ? decodeDocument(object, blockField)
      : undefined;
    if (part) parts.push(part);
  });
  return parts;
}

function withCache<T extends { cacheControl?: IrCacheControl }>(part: T, cacheControl: IrCacheControl | undefined): T {
  if (cacheControl !== undefined) part.cacheControl = cacheControl;
  return part;
}

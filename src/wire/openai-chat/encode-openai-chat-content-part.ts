import { WireValidationError, type IrDocumentPart, type IrImagePart, type IrMediaSource, type IrTextPart } from '../ir';
import type { OpenAiChatContentPart } from './openai-chat-types';

/**
 * One IR content part → a Chat Completions part for an upstream request.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 * - `cacheControl` is dropped: OpenAI caches prompts on its own and has no such field.
 * - A plain-text document becomes a text part (Chat `file` inputs read PDFs); any other inline
 *   document becomes a `file` with a data URL. Chat has no file-by-URL, so such a document is
 *   refused with a message saying so.
 */
export function encodeOpenAiChatContentPart(part: IrTextPart | IrImagePart | IrDocumentPart, field: string): OpenAiChatContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const imageUrl: { url: string; detail?: string } = { url: mediaUrl(part.source) };
      if (part.detail !== undefined) imageUrl.detail = part.detail;
      return { type: 'image_url', image_url: imageUrl };
    }
    case 'document':
      return encodeDocument(part, field);
  }
}

function encodeDocument(part: IrDocumentPart, field: string): OpenAiChatContentPart {
  const source = part.source;
  if (source.kind === 'url') {
    throw new WireValidationError(field, 'OpenAI Chat providers cannot fetch documents by URL; send the document inline (base64)');
  }
  if (source.mediaType.startsWith('text/')) {
    return { type: 'text', text: Buffer.from(source.data, 'base64').toString('utf8') };
  }
  const filename = part.title ?? (source.mediaType === 'application/pdf' ? 'document.pdf' : 'document');
  return { type: 'file', file: { filename, file_data: mediaUrl(source) } };
}

function mediaUrl(source: IrMediaSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

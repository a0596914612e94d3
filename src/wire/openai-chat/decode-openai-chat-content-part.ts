import { WireValidationError, type IrDocumentPart, type IrImagePart, type IrMediaSource, type IrTextPart } from '../ir';
import { parseDataUrl } from './parse-data-url';
import { expectRecord, expectString, isRecord, optionalString, type WireRecord } from './read-wire-fields';

export type IrUserContentPart = IrTextPart | IrImagePart | IrDocumentPart;

/**
 * One user (or tool) content part → IR. https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 * - `cache_control` on a text part is OpenRouter's way of passing Anthropic prompt caching.
 * - `input_audio` is rejected: no other format Plexus speaks takes audio input.
 * - `file.file_id` is rejected: it points into OpenAI's file store, which no other provider can read.
 */
export function decodeOpenAiChatContentPart(value: unknown, field: string): IrUserContentPart {
  const part = expectRecord(value, field);
  const type = expectString(part.type, `${field}.type`);
  switch (type) {
    case 'text':
      return decodeTextPart(part, field);
    case 'image_url':
      return decodeImagePart(part, field);
    case 'file':
      return decodeFilePart(part, field);
    case 'input_audio':
      throw new WireValidationError(field, 'input_audio parts are not supported: audio input cannot be translated to the other formats');
    default:
      throw new WireValidationError(`${field}.type`, `unsupported content part type "${type}"; expected text, image_url or file`);
  }
}

function decodeTextPart(part: WireRecord, field: string): IrTextPart {
  const text = expectString(part.text, `${field}.text`);
  return isRecord(part.cache_control) ? { type: 'text', text, cacheControl: part.cache_control } : { type: 'text', text };
}

function decodeImagePart(part: WireRecord, field: string): IrImagePart {
  // vLLM and a few SDKs send `image_url` as a bare string; the documented form is an object.
  const imageUrl = typeof part.image_url === 'string' ? { url: part.image_url } : expectRecord(part.image_url, `${field}.image_url`);
  const url = expectString(imageUrl.url, `${field}.image_url.url`);
  const detail = optionalString(imageUrl.detail, `${field}.image_url.detail`);
  const image: IrImagePart = { type: 'image', source: decodeImageSource(url, `${field}.image_url.url`) };
  if (detail !== undefined) image.detail = detail;
  return image;
}

function decodeImageSource(url: string, field: string): IrMediaSource {
  const dataUrl = parseDataUrl(url);
  if (!dataUrl) return { kind: 'url', url };
  if (!dataUrl.isBase64) throw new WireValidationError(field, 'a data URL must be base64-encoded (data:image/png;base64,...)');
  if (!dataUrl.mediaType) throw new WireValidationError(field, 'a data URL must name its media type (data:image/png;base64,...)');
  return { kind: 'base64', mediaType: dataUrl.mediaType, data: dataUrl.data };
}

function decodeFilePart(part: WireRecord, field: string): IrDocumentPart {
  const file = expectRecord(part.file, `${field}.file`);
  const filename = optionalString(file.filename, `${field}.file.filename`);
  const fileData = optionalString(file.file_data, `${field}.file.file_data`);
  if (fileData === undefined) {
    if (file.file_id !== undefined && file.file_id !== null) {
      throw new WireValidationError(`${field}.file.file_id`, 'uploaded OpenAI files cannot be translated to other providers; send the content as file_data');
    }
    throw new WireValidationError(`${field}.file.file_data`, 'is required');
  }
  const document: IrDocumentPart = { type: 'document', source: decodeFileSource(fileData, filename, `${field}.file.file_data`) };
  if (filename !== undefined) document.title = filename;
  return document;
}

/**
 * OpenAI documents `file_data` as base64 and its SDK examples send a data URL; both are accepted.
 * Bare base64 carries no media type, so it is guessed from the file name: OpenAI Chat only reads
 * PDFs, hence `application/pdf` unless the name says plain text.
 */
function decodeFileSource(fileData: string, filename: string | undefined, field: string): IrMediaSource {
  const dataUrl = parseDataUrl(fileData);
  if (!dataUrl) {
    const mediaType = filename?.toLowerCase().endsWith('.txt') ? 'text/plain' : 'application/pdf';
    return { kind: 'base64', mediaType, data: fileData };
  }
  if (!dataUrl.isBase64) throw new WireValidationError(field, 'a data URL must be base64-encoded (data:application/pdf;base64,...)');
  return { kind: 'base64', mediaType: dataUrl.mediaType || 'application/pdf', data: dataUrl.data };
}

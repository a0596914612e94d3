import type { IrDocumentPart, IrImagePart } from '../ir';
import { requireRecord, requireString, optionalString } from './gemini-field-readers';

/**
 * `inlineData` (base64) and `fileData` (URI) → IR image or document. Gemini takes any media
 * type in the same two fields; the IR has images and "documents" (PDF, text, and anything else
 * that is not an image, e.g. audio), with the media type kept so the target encoder can decide.
 */
export function decodeGeminiInlineData(value: unknown, field: string): IrImagePart | IrDocumentPart {
  const blob = requireRecord(value, field);
  const mediaType = requireString(blob.mimeType, `${field}.mimeType`);
  const data = requireString(blob.data, `${field}.data`);
  return mediaPart({ kind: 'base64', mediaType, data }, mediaType);
}

export function decodeGeminiFileData(value: unknown, field: string): IrImagePart | IrDocumentPart {
  const file = requireRecord(value, field);
  const url = requireString(file.fileUri, `${field}.fileUri`);
  const mediaType = optionalString(file.mimeType, `${field}.mimeType`);
  return mediaPart(mediaType === undefined ? { kind: 'url', url } : { kind: 'url', url, mediaType }, mediaType);
}

function mediaPart(source: IrImagePart['source'], mediaType: string | undefined): IrImagePart | IrDocumentPart {
  return mediaType?.startsWith('image/') ? { type: 'image', source } : { type: 'document', source };
}

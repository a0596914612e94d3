import type { IrMediaSource } from '../ir';
import type { GeminiBlob, GeminiFileData } from './gemini-types';

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
};

/**
 * IR media → `inlineData` or `fileData`. A `data:` URL (how OpenAI clients send base64 images)
 * is unpacked to inlineData. Gemini wants a mimeType with fileData, so a URL without a declared
 * type gets one from its extension when it has a well-known one.
 */
export function encodeGeminiMedia(source: IrMediaSource): { inlineData: GeminiBlob } | { fileData: GeminiFileData } {
  if (source.kind === 'base64') return { inlineData: { mimeType: source.mediaType, data: source.data } };
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(source.url);
  if (dataUrl) return { inlineData: { mimeType: dataUrl[1], data: dataUrl[2] } };
  const mimeType = source.mediaType ?? guessMediaType(source.url);
  return { fileData: mimeType === undefined ? { fileUri: source.url } : { mimeType, fileUri: source.url } };
}

function guessMediaType(url: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : EXTENSION_TYPES[extension];
}

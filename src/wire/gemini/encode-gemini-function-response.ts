import type { IrToolResultPart } from '../ir';
import { encodeGeminiMedia } from './encode-gemini-media';
import { isGeneratedToolCallId } from './gemini-tool-call-id';
import type { GeminiFunctionResponse, GeminiFunctionResponsePart, GeminiPart } from './gemini-types';

/**
 * IR tool result → `functionResponse` part. `response` must be a JSON object: a text that is a
 * JSON object is sent as that object (the model reads structured data, and a Gemini round trip
 * is exact), any other text as `{ result: text }`, an error as `{ error: … }`. Images and
 * documents go in `parts` (multimodal function responses,
 * https://ai.google.dev/gemini-api/docs/function-calling#multimodal). The call id is sent only
 * when it is a real one, never one Plexus generated (see gemini-tool-call-id.ts).
 */
export function encodeGeminiFunctionResponse(result: IrToolResultPart, name: string): GeminiPart {
  const text = result.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  const media: GeminiFunctionResponsePart[] = result.content.flatMap((part) =>
    part.type === 'text' ? [] : [encodeGeminiMedia(part.source)],
  );
  const structured = parseJsonObject(text);
  const response = result.isError ? { error: structured ?? text } : (structured ?? { result: text });

  const functionResponse: GeminiFunctionResponse = { name, response };
  if (!isGeneratedToolCallId(result.toolCallId)) functionResponse.id = result.toolCallId;
  if (media.length > 0) functionResponse.parts = media;
  return { functionResponse };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

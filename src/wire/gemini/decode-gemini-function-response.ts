import type { IrToolResultPart } from '../ir';
import { decodeGeminiFileData, decodeGeminiInlineData } from './decode-gemini-media';
import { optionalArray, optionalRecord, optionalString, requireRecord, requireString } from './gemini-field-readers';

/**
 * A `functionResponse` part → IR tool result (the caller resolves the call id).
 * `response` must be an object on the wire; the IR carries text. `{ result: "…" }` (what Plexus's
 * encoder writes, and what most clients send) unwraps to its text and `{ error: … }` marks an
 * error result; any other object travels as its JSON text, which the encoder parses back, so a
 * Gemini → IR → Gemini round trip is exact. Media in `parts` (multimodal function responses)
 * become image/document content of the result.
 */
export function decodeGeminiFunctionResponse(
  value: unknown,
  field: string,
): { name: string; id?: string; result: Omit<IrToolResultPart, 'toolCallId'> } {
  const functionResponse = requireRecord(value, field);
  const name = requireString(functionResponse.name, `${field}.name`);
  const id = optionalString(functionResponse.id, `${field}.id`);
  const response = optionalRecord(functionResponse.response, `${field}.response`) ?? {};

  const result: Omit<IrToolResultPart, 'toolCallId'> = { type: 'tool-result', toolName: name, content: [] };
  const keys = Object.keys(response);
  if (keys.length === 1 && keys[0] === 'result' && typeof response.result === 'string') {
    result.content.push({ type: 'text', text: response.result });
  } else if (keys.length === 1 && keys[0] === 'error') {
    result.isError = true;
    result.content.push({ type: 'text', text: typeof response.error === 'string' ? response.error : JSON.stringify(response.error) });
  } else {
    result.content.push({ type: 'text', text: JSON.stringify(response) });
  }

  const parts = optionalArray(functionResponse.parts, `${field}.parts`) ?? [];
  parts.forEach((item, index) => {
    const partField = `${field}.parts[${index}]`;
    const part = requireRecord(item, partField);
    if (part.inlineData !== undefined) result.content.push(decodeGeminiInlineData(part.inlineData, `${partField}.inlineData`));
    else if (part.fileData !== undefined) result.content.push(decodeGeminiFileData(part.fileData, `${partField}.fileData`));
  });

  return id === undefined ? { name, result } : { name, id, result };
}

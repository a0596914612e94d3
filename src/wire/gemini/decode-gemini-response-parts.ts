import type { IrResponsePart } from '../ir';
import { isRecord } from './gemini-field-readers';
import { responseToolCallId } from './gemini-tool-call-id';

/**
 * `candidates[0].content.parts` of a response (or of one stream chunk) → IR parts. A thought
 * part becomes reasoning; `thoughtSignature` stays on whatever part carries it (text, thought or
 * functionCall) so it goes back to Gemini in the same place. Calls without an id get one from
 * the response id and their position (`firstCallIndex` continues the count across chunks).
 * Parts the IR cannot carry (inlineData images from image models, executableCode, …) are dropped.
 */
export function decodeGeminiResponseParts(parts: unknown, responseId: string, firstCallIndex = 0): IrResponsePart[] {
  if (!Array.isArray(parts)) return [];
  const result: IrResponsePart[] = [];
  let callIndex = firstCallIndex;
  for (const part of parts) {
    if (!isRecord(part)) continue;
    const signature = typeof part.thoughtSignature === 'string' ? part.thoughtSignature : undefined;
    if (isRecord(part.functionCall)) {
      const call = part.functionCall;
      const id = typeof call.id === 'string' && call.id !== '' ? call.id : responseToolCallId(responseId, callIndex);
      callIndex += 1;
      const args = isRecord(call.args) ? call.args : {};
      result.push({ type: 'tool-call', id, name: typeof call.name === 'string' ? call.name : '', arguments: args, ...signed(signature) });
    } else if (typeof part.text === 'string' || signature !== undefined) {
      const text = typeof part.text === 'string' ? part.text : '';
      result.push(part.thought === true ? { type: 'reasoning', text, ...signed(signature) } : { type: 'text', text, ...signed(signature) });
    }
  }
  return result;
}

function signed(signature: string | undefined): { signature?: string } {
  return signature === undefined ? {} : { signature };
}

import { WireValidationError, type IrMessage, type IrPart } from '../ir';
import { encodeGeminiFunctionResponse } from './encode-gemini-function-response';
import { encodeGeminiMedia } from './encode-gemini-media';
import { isGeneratedToolCallId } from './gemini-tool-call-id';
import type { GeminiContent, GeminiPart, GeminiRole } from './gemini-types';

/**
 * Google's documented stand-in signature for function calls the model did not produce itself
 * (history from another model or provider). A thinking model rejects a model turn whose first
 * functionCall has no thoughtSignature; this value tells it to skip that check.
 * https://ai.google.dev/gemini-api/docs/thought-signatures (FAQ: history from other models)
 */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

/**
 * IR messages → `contents[]`. Gemini wants user and model turns to alternate, so consecutive
 * messages of one role are merged into one content. Tool results become `functionResponse`
 * parts of a user turn; their function name comes from the result, or else from the earlier
 * tool call with that id (OpenAI clients never send names with results); a result with neither
 * cannot be sent and is reported as a WireValidationError. Anthropic redacted thinking cannot be
 * replayed to Gemini and is dropped.
 */
export function encodeGeminiContents(messages: IrMessage[]): GeminiContent[] {
  const namesByCallId = new Map<string, string>();
  const contents: GeminiContent[] = [];
  messages.forEach((message, messageIndex) => {
    const role: GeminiRole = message.role === 'assistant' ? 'model' : 'user';
    const parts = message.content.flatMap((part, partIndex) =>
      encodePart(part, namesByCallId, `messages[${messageIndex}].content[${partIndex}]`),
    );
    if (parts.length === 0) return;
    const previous = contents[contents.length - 1];
    if (previous?.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  });
  for (const content of contents) if (content.role === 'model') signFirstFunctionCall(content.parts);
  return contents;
}

function encodePart(part: IrPart, namesByCallId: Map<string, string>, field: string): GeminiPart[] {
  switch (part.type) {
    case 'text':
      return isBlank(part) ? [] : [withSignature({ text: part.text }, part.signature)];
    case 'reasoning':
      return part.redactedData !== undefined || isBlank(part) ? [] : [withSignature({ text: part.text, thought: true }, part.signature)];
    case 'image':
    case 'document':
      return [encodeGeminiMedia(part.source)];
    case 'tool-call': {
      namesByCallId.set(part.id, part.name);
      const functionCall = isGeneratedToolCallId(part.id)
        ? { name: part.name, args: toArgs(part.arguments) }
        : { id: part.id, name: part.name, args: toArgs(part.arguments) };
      return [withSignature({ functionCall }, part.signature)];
    }
    case 'tool-result': {
      const name = part.toolName ?? namesByCallId.get(part.toolCallId);
      if (name === undefined) {
        throw new WireValidationError(field, `tool result "${part.toolCallId}" answers no earlier tool call, and Gemini needs the function name`);
      }
      return [encodeGeminiFunctionResponse(part, name)];
    }
  }
}

/** Only the first functionCall of a step carries the signature (parallel calls share it). */
function signFirstFunctionCall(parts: GeminiPart[]): void {
  const first = parts.find((part) => part.functionCall !== undefined);
  if (first !== undefined && first.thoughtSignature === undefined) first.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
}

/**
 * Gemini rejects empty text parts ("empty text parameter"); clients echo them back from stream
 * ends, so an empty text without a signature is left out. One with a signature is what Gemini
 * itself sends and must go back.
 */
function isBlank(part: { text: string; signature?: string }): boolean {
  return part.text === '' && part.signature === undefined;
}

function withSignature(part: GeminiPart, signature: string | undefined): GeminiPart {
  if (signature !== undefined) part.thoughtSignature = signature;
  return part;
}

/** Gemini's `args` is an object; arguments that are not one (a bare string from a broken client) are wrapped. */
function toArgs(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  return value === undefined || value === null ? {} : { value };
}

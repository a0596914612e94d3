import type { IrResponse, IrResponsePart } from '../ir';
import { encodeGeminiUsage } from './convert-gemini-usage';
import { isGeneratedToolCallId } from './gemini-tool-call-id';
import type { GeminiGenerateContentResponse, GeminiPart } from './gemini-types';
import { encodeGeminiFinishReason } from './map-gemini-finish-reason';

/**
 * IR → the generateContent response a Gemini client expects: one candidate, role model.
 * `model` (the name the client asked for) is the modelVersion; id is the responseId.
 */
export function encodeGeminiResponse(response: IrResponse, model: string): GeminiGenerateContentResponse {
  const parts = response.content.flatMap(encodeGeminiResponsePart);
  return {
    candidates: [
      {
        // An empty parts list makes the SDK's chat history treat the turn as invalid.
        content: { role: 'model', parts: parts.length > 0 ? parts : [{ text: '' }] },
        finishReason: encodeGeminiFinishReason(response.finishReason),
        index: 0,
      },
    ],
    usageMetadata: encodeGeminiUsage(response.usage),
    modelVersion: model,
    responseId: response.id,
  };
}

/**
 * One IR part → Gemini parts; also used by the stream encoder. Anthropic redacted thinking has no
 * Gemini form and is dropped; generated call ids are left out (see gemini-tool-call-id.ts).
 */
export function encodeGeminiResponsePart(part: IrResponsePart): GeminiPart[] {
  const signature = part.signature === undefined ? {} : { thoughtSignature: part.signature };
  switch (part.type) {
    case 'text':
      return [{ text: part.text, ...signature }];
    case 'reasoning':
      return part.redactedData !== undefined ? [] : [{ text: part.text, thought: true, ...signature }];
    case 'tool-call': {
      const args = typeof part.arguments === 'object' && part.arguments !== null && !Array.isArray(part.arguments) ? (part.arguments as Record<string, unknown>) : {};
      const functionCall = isGeneratedToolCallId(part.id) ? { name: part.name, args } : { id: part.id, name: part.name, args };
      return [{ functionCall, ...signature }];
    }
  }
}

import type { IrResponse } from '../ir';
import { decodeGeminiUsage } from './convert-gemini-usage';
import { decodeGeminiResponseParts } from './decode-gemini-response-parts';
import { isRecord } from './gemini-field-readers';
import type { GeminiUsageMetadata } from './gemini-types';
import { decodeGeminiFinishReason } from './map-gemini-finish-reason';

/**
 * A generateContent response → IR. Only the first candidate is read (the IR has one answer;
 * candidateCount > 1 answers lose the others). id ↔ responseId, model ↔ modelVersion. A prompt
 * blocked before any candidate (promptFeedback.blockReason) is a content_filter finish.
 */
export function decodeGeminiResponse(body: unknown): IrResponse {
  const response = isRecord(body) ? body : {};
  const id = typeof response.responseId === 'string' ? response.responseId : '';
  const candidate = Array.isArray(response.candidates) && isRecord(response.candidates[0]) ? response.candidates[0] : undefined;
  const content = decodeGeminiResponseParts(isRecord(candidate?.content) ? candidate.content.parts : undefined, id);
  const hasCalls = content.some((part) => part.type === 'tool-call');
  const blocked = isRecord(response.promptFeedback) && typeof response.promptFeedback.blockReason === 'string';

  return {
    id,
    model: typeof response.modelVersion === 'string' ? response.modelVersion : '',
    content,
    finishReason:
      typeof candidate?.finishReason === 'string'
        ? decodeGeminiFinishReason(candidate.finishReason, hasCalls)
        : blocked
          ? 'content_filter'
          : hasCalls
            ? 'tool_calls'
            : 'stop',
    usage: decodeGeminiUsage(isRecord(response.usageMetadata) ? (response.usageMetadata as GeminiUsageMetadata) : {}),
  };
}

import type { IrRequest, IrResponseFormat } from '../ir';
import type { GeminiGenerationConfig } from './gemini-types';
import { encodeGeminiThinkingConfig } from './map-gemini-thinking';

/** IR sampling settings, response format and reasoning → `generationConfig` (undefined when empty). */
export function encodeGeminiGenerationConfig(request: IrRequest): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {
    maxOutputTokens: request.maxOutputTokens,
    temperature: request.temperature,
    topP: request.topP,
    topK: request.topK,
    stopSequences: request.stopSequences,
    seed: request.seed,
    presencePenalty: request.presencePenalty,
    frequencyPenalty: request.frequencyPenalty,
    candidateCount: request.candidateCount,
    ...encodeResponseFormat(request.responseFormat),
    thinkingConfig: request.reasoning === undefined ? undefined : encodeGeminiThinkingConfig(request.reasoning),
  };
  for (const key of Object.keys(config) as Array<keyof GeminiGenerationConfig>) {
    if (config[key] === undefined) delete config[key];
  }
  return Object.keys(config).length === 0 ? undefined : config;
}

/**
 * JSON schema goes in `responseJsonSchema` (plain JSON Schema, unlike `responseSchema`); the
 * schema's name, description and strict flag have no Gemini field and are dropped.
 * https://ai.google.dev/gemini-api/docs/structured-output
 */
function encodeResponseFormat(format: IrResponseFormat | undefined): Pick<GeminiGenerationConfig, 'responseMimeType' | 'responseJsonSchema'> {
  switch (format?.type) {
    case undefined:
      return {};
    case 'text':
      return { responseMimeType: 'text/plain' };
    case 'json_object':
      return { responseMimeType: 'application/json' };
    case 'json_schema':
      return { responseMimeType: 'application/json', responseJsonSchema: format.schema };
  }
}

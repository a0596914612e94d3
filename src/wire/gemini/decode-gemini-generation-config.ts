import type { IrRequest, IrResponseFormat } from '../ir';
import { geminiSchemaToJsonSchema } from './convert-gemini-schema';
import {
  optionalBoolean,
  optionalInteger,
  optionalNumber,
  optionalRecord,
  optionalString,
  optionalStringArray,
} from './gemini-field-readers';
import type { GeminiThinkingLevel } from './gemini-types';
import { decodeGeminiThinkingConfig } from './map-gemini-thinking';

type GenerationSettings = Pick<
  IrRequest,
  | 'maxOutputTokens'
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'stopSequences'
  | 'seed'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'candidateCount'
  | 'responseFormat'
  | 'reasoning'
>;

const FIELD = 'generationConfig';

/**
 * `generationConfig` → IR sampling settings, response format and reasoning. Fields with no IR
 * counterpart (responseModalities, speechConfig, mediaResolution, logprobs, …) are ignored.
 * https://ai.google.dev/api/generate-content#generationconfig
 */
export function decodeGeminiGenerationConfig(value: unknown): GenerationSettings {
  const config = optionalRecord(value, FIELD);
  if (config === undefined) return {};
  const settings: GenerationSettings = {
    maxOutputTokens: optionalInteger(config.maxOutputTokens, `${FIELD}.maxOutputTokens`),
    temperature: optionalNumber(config.temperature, `${FIELD}.temperature`),
    topP: optionalNumber(config.topP, `${FIELD}.topP`),
    topK: optionalNumber(config.topK, `${FIELD}.topK`),
    stopSequences: optionalStringArray(config.stopSequences, `${FIELD}.stopSequences`),
    seed: optionalInteger(config.seed, `${FIELD}.seed`),
    presencePenalty: optionalNumber(config.presencePenalty, `${FIELD}.presencePenalty`),
    frequencyPenalty: optionalNumber(config.frequencyPenalty, `${FIELD}.frequencyPenalty`),
    candidateCount: optionalInteger(config.candidateCount, `${FIELD}.candidateCount`),
    responseFormat: decodeResponseFormat(config),
    reasoning: decodeThinking(config.thinkingConfig),
  };
  for (const key of Object.keys(settings) as Array<keyof GenerationSettings>) {
    if (settings[key] === undefined) delete settings[key];
  }
  return settings;
}

/**
 * application/json + responseJsonSchema (plain JSON Schema) or responseSchema (OpenAPI subset)
 * is a JSON-schema answer; application/json alone is JSON mode; text/plain is plain text.
 * Other MIME types (text/x.enum) have no IR form and are dropped.
 */
function decodeResponseFormat(config: Record<string, unknown>): IrResponseFormat | undefined {
  const mimeType = optionalString(config.responseMimeType, `${FIELD}.responseMimeType`);
  const jsonSchema = optionalRecord(config.responseJsonSchema, `${FIELD}.responseJsonSchema`);
  const openApiSchema = optionalRecord(config.responseSchema, `${FIELD}.responseSchema`);
  if (mimeType === 'text/plain') return { type: 'text' };
  if (mimeType !== 'application/json') return undefined;
  if (jsonSchema) return { type: 'json_schema', schema: jsonSchema };
  if (openApiSchema) return { type: 'json_schema', schema: geminiSchemaToJsonSchema(openApiSchema) };
  return { type: 'json_object' };
}

function decodeThinking(value: unknown): GenerationSettings['reasoning'] {
  const field = `${FIELD}.thinkingConfig`;
  const thinking = optionalRecord(value, field);
  if (thinking === undefined) return undefined;
  const reasoning = decodeGeminiThinkingConfig(
    {
      includeThoughts: optionalBoolean(thinking.includeThoughts, `${field}.includeThoughts`),
      thinkingBudget: optionalInteger(thinking.thinkingBudget, `${field}.thinkingBudget`),
      thinkingLevel: optionalString(thinking.thinkingLevel, `${field}.thinkingLevel`) as GeminiThinkingLevel | undefined,
    },
    field,
  );
  return Object.keys(reasoning).length === 0 ? undefined : reasoning;
}

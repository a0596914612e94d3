import type { IrRequest } from '../ir';
import { encodeGeminiContents } from './encode-gemini-contents';
import { encodeGeminiGenerationConfig } from './encode-gemini-generation-config';
import { encodeGeminiToolConfig, encodeGeminiTools } from './encode-gemini-tools';
import type { GeminiGenerateContentRequest } from './gemini-types';

/**
 * IR → generateContent body. The model goes in the URL, never in the body. Dropped because
 * Gemini has no field for them: parallelToolCalls, user, metadata, cache_control markers, tool
 * `strict`, response-schema name/description, and the OpenAI system/developer distinction.
 */
export function encodeGeminiRequest(request: IrRequest): GeminiGenerateContentRequest {
  const body: GeminiGenerateContentRequest = { contents: encodeGeminiContents(request.messages) };
  if (request.system.length > 0) body.systemInstruction = { parts: request.system.map((part) => ({ text: part.text })) };
  if (request.tools !== undefined && request.tools.length > 0) body.tools = encodeGeminiTools(request.tools);
  if (request.toolChoice !== undefined) body.toolConfig = encodeGeminiToolConfig(request.toolChoice);
  const generationConfig = encodeGeminiGenerationConfig(request);
  if (generationConfig !== undefined) body.generationConfig = generationConfig;
  return body;
}

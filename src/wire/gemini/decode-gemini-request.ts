import { WireValidationError, type IrRequest, type IrSystemPart } from '../ir';
import { decodeGeminiContents } from './decode-gemini-contents';
import { decodeGeminiGenerationConfig } from './decode-gemini-generation-config';
import { decodeGeminiToolConfig, decodeGeminiTools } from './decode-gemini-tools';
import { isRecord, optionalArray, optionalRecord, optionalString, requireRecord } from './gemini-field-readers';

/**
 * A client's generateContent body → IR. The model and the streaming switch live in the URL
 * (`models/{model}:streamGenerateContent`), so `model` is '' and `stream` false here; the
 * controller sets both. `safetySettings`, `cachedContent` and built-in tools have no IR form and
 * are dropped when translating (the same-format path forwards the body, so they survive there).
 */
export function decodeGeminiRequest(body: unknown): IrRequest {
  if (!isRecord(body)) throw new WireValidationError('body', 'must be a JSON object');
  if (body.contents === undefined || body.contents === null) throw new WireValidationError('contents', 'is required');
  const request: IrRequest = {
    model: '',
    system: decodeSystemInstruction(body.systemInstruction),
    messages: decodeGeminiContents(body.contents),
    stream: false,
    ...decodeGeminiGenerationConfig(body.generationConfig),
  };
  const tools = decodeGeminiTools(body.tools);
  if (tools !== undefined) request.tools = tools;
  const toolChoice = decodeGeminiToolConfig(body.toolConfig);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  return request;
}

/** Only text parts can be instructions in the IR; the content's role is ignored, as by the API. */
function decodeSystemInstruction(value: unknown): IrSystemPart[] {
  const instruction = optionalRecord(value, 'systemInstruction');
  if (instruction === undefined) return [];
  const parts = optionalArray(instruction.parts, 'systemInstruction.parts') ?? [];
  const system: IrSystemPart[] = [];
  parts.forEach((item, index) => {
    const part = requireRecord(item, `systemInstruction.parts[${index}]`);
    const text = optionalString(part.text, `systemInstruction.parts[${index}].text`);
    if (text !== undefined) system.push({ type: 'text', text });
  });
  return system;
}

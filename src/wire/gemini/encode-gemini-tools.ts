import type { IrTool, IrToolChoice } from '../ir';
import type { GeminiTool, GeminiToolConfig } from './gemini-types';

/**
 * IR tools → one Tool with all function declarations. The IR schema is plain JSON Schema, which
 * Gemini takes as-is in `parametersJsonSchema` (no conversion to its OpenAPI subset, so $ref,
 * anyOf and additionalProperties survive). `strict` has no Gemini equivalent and is dropped.
 * https://ai.google.dev/api/caching#FunctionDeclaration
 */
export function encodeGeminiTools(tools: IrTool[]): GeminiTool[] {
  return [
    {
      functionDeclarations: tools.map((tool) =>
        tool.description === undefined
          ? { name: tool.name, parametersJsonSchema: tool.parameters }
          : { name: tool.name, description: tool.description, parametersJsonSchema: tool.parameters },
      ),
    },
  ];
}

/**
 * IR tool choice → functionCallingConfig. Gemini has no switch for parallel calls, so the IR's
 * parallelToolCalls is dropped.
 */
export function encodeGeminiToolConfig(choice: IrToolChoice): GeminiToolConfig {
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'required':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'tool':
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  }
}

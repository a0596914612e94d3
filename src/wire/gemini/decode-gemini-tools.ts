import { WireValidationError, type IrTool, type IrToolChoice } from '../ir';
import { geminiSchemaToJsonSchema } from './convert-gemini-schema';
import {
  optionalArray,
  optionalRecord,
  optionalString,
  optionalStringArray,
  requireRecord,
  requireString,
} from './gemini-field-readers';

/**
 * `tools[].functionDeclarations[]` → IR tools. Built-in tools (googleSearch, codeExecution,
 * urlContext, …) have no IR equivalent and are dropped when translating; the same-format path
 * forwards them untouched.
 */
export function decodeGeminiTools(value: unknown): IrTool[] | undefined {
  const tools = optionalArray(value, 'tools');
  if (tools === undefined) return undefined;
  const irTools: IrTool[] = [];
  tools.forEach((item, toolIndex) => {
    const field = `tools[${toolIndex}]`;
    const tool = requireRecord(item, field);
    const declarations = optionalArray(tool.functionDeclarations, `${field}.functionDeclarations`) ?? [];
    declarations.forEach((declarationItem, index) => {
      irTools.push(decodeDeclaration(declarationItem, `${field}.functionDeclarations[${index}]`));
    });
  });
  return irTools;
}

function decodeDeclaration(value: unknown, field: string): IrTool {
  const declaration = requireRecord(value, field);
  const name = requireString(declaration.name, `${field}.name`);
  const description = optionalString(declaration.description, `${field}.description`);
  const jsonSchema = optionalRecord(declaration.parametersJsonSchema, `${field}.parametersJsonSchema`);
  const openApiSchema = optionalRecord(declaration.parameters, `${field}.parameters`);
  const parameters = jsonSchema ?? (openApiSchema ? geminiSchemaToJsonSchema(openApiSchema) : { type: 'object', properties: {} });
  return description === undefined ? { name, parameters } : { name, description, parameters };
}

/**
 * `toolConfig.functionCallingConfig` → IR tool choice. ANY restricted to one function is the
 * "named tool" choice; ANY with several allowed names has no IR form and widens to `required`.
 * VALIDATED (calls or text, schema-checked) behaves like AUTO for every other format.
 * https://ai.google.dev/api/caching#FunctionCallingConfig
 */
export function decodeGeminiToolConfig(value: unknown): IrToolChoice | undefined {
  const toolConfig = optionalRecord(value, 'toolConfig');
  const config = optionalRecord(toolConfig?.functionCallingConfig, 'toolConfig.functionCallingConfig');
  if (config === undefined) return undefined;
  const mode = optionalString(config.mode, 'toolConfig.functionCallingConfig.mode');
  const allowed = optionalStringArray(config.allowedFunctionNames, 'toolConfig.functionCallingConfig.allowedFunctionNames');
  switch (mode) {
    case undefined:
    case 'MODE_UNSPECIFIED':
      return undefined;
    case 'AUTO':
    case 'VALIDATED':
      return { type: 'auto' };
    case 'NONE':
      return { type: 'none' };
    case 'ANY':
      return allowed?.length === 1 ? { type: 'tool', name: allowed[0] } : { type: 'required' };
    default:
      throw new WireValidationError('toolConfig.functionCallingConfig.mode', 'must be one of AUTO, ANY, NONE, VALIDATED');
  }
}

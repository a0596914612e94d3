import { WireValidationError, type IrTool, type IrToolChoice } from '../ir';
import {
  readObject,
  readOptionalArray,
  readOptionalBoolean,
  readOptionalObject,
  readOptionalString,
  readString,
} from './anthropic-messages-field-readers';

export interface DecodedAnthropicMessagesTools {
  tools?: IrTool[];
  toolChoice?: IrToolChoice;
  parallelToolCalls?: boolean;
}

/**
 * `tools` and `tool_choice` (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use).
 * Anthropic-hosted tools (a versioned `type` such as `web_search_20250305` or `bash_20250124`)
 * run inside Anthropic and have no meaning for another provider: dropped on purpose.
 * `disable_parallel_tool_use` is the negation of the IR's `parallelToolCalls`.
 */
export function decodeAnthropicMessagesTools(toolsValue: unknown, toolChoiceValue: unknown): DecodedAnthropicMessagesTools {
  const decoded: DecodedAnthropicMessagesTools = {};
  const tools = readOptionalArray(toolsValue, 'tools');
  if (tools) {
    decoded.tools = [];
    tools.forEach((tool, index) => {
      const decodedTool = decodeTool(tool, `tools[${index}]`);
      if (decodedTool) decoded.tools?.push(decodedTool);
    });
  }
  const toolChoice = readOptionalObject(toolChoiceValue, 'tool_choice');
  if (toolChoice) {
    decoded.toolChoice = decodeToolChoice(toolChoice);
    const disableParallel = readOptionalBoolean(toolChoice.disable_parallel_tool_use, 'tool_choice.disable_parallel_tool_use');
    if (disableParallel !== undefined) decoded.parallelToolCalls = !disableParallel;
  }
  return decoded;
}

function decodeTool(value: unknown, field: string): IrTool | undefined {
  const tool = readObject(value, field);
  const type = readOptionalString(tool.type, `${field}.type`);
  if (type !== undefined && type !== 'custom') return undefined;
  const decoded: IrTool = {
    name: readString(tool.name, `${field}.name`),
    parameters: readObject(tool.input_schema, `${field}.input_schema`),
  };
  const description = readOptionalString(tool.description, `${field}.description`);
  if (description !== undefined) decoded.description = description;
  const strict = readOptionalBoolean(tool.strict, `${field}.strict`);
  if (strict !== undefined) decoded.strict = strict;
  const cacheControl = readOptionalObject(tool.cache_control, `${field}.cache_control`);
  if (cacheControl !== undefined) decoded.cacheControl = cacheControl;
  return decoded;
}

function decodeToolChoice(toolChoice: Record<string, unknown>): IrToolChoice {
  const type = readString(toolChoice.type, 'tool_choice.type');
  switch (type) {
    case 'auto':
      return { type: 'auto' };
    case 'any':
      return { type: 'required' };
    case 'none':
      return { type: 'none' };
    case 'tool':
      return { type: 'tool', name: readString(toolChoice.name, 'tool_choice.name') };
    default:
      throw new WireValidationError('tool_choice.type', 'must be one of "auto", "any", "tool", "none"');
  }
}

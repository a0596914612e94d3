import { WireValidationError, type IrTool, type IrToolChoice } from '../ir';
import { expectArray, expectRecord, expectString, optionalBoolean, optionalRecord, optionalString } from './read-wire-fields';

/**
 * `tools` → IR tools. Only function tools translate; `custom` (free-form grammar) tools have no
 * counterpart elsewhere. A function without `parameters` takes none, which OpenAI models as an
 * empty object schema. https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function decodeOpenAiChatTools(value: unknown): IrTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  return expectArray(value, 'tools').map((entry, index) => {
    const field = `tools[${index}]`;
    const tool = expectRecord(entry, field);
    const type = expectString(tool.type, `${field}.type`);
    if (type !== 'function') throw new WireValidationError(`${field}.type`, `unsupported tool type "${type}"; only function tools can be translated`);
    const fn = expectRecord(tool.function, `${field}.function`);
    const decoded: IrTool = {
      name: expectString(fn.name, `${field}.function.name`),
      parameters: optionalRecord(fn.parameters, `${field}.function.parameters`) ?? { type: 'object', properties: {} },
    };
    const description = optionalString(fn.description, `${field}.function.description`);
    if (description !== undefined) decoded.description = description;
    const strict = optionalBoolean(fn.strict, `${field}.function.strict`);
    if (strict !== undefined) decoded.strict = strict;
    return decoded;
  });
}

/**
 * `tool_choice`: `auto` | `none` | `required` | `{type: "function", function: {name}}`.
 * `allowed_tools` and custom-tool choices are refused rather than widened to `auto`, which would
 * let the model call tools the client ruled out.
 */
export function decodeOpenAiChatToolChoice(value: unknown): IrToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return { type: value };
  if (typeof value === 'string') throw new WireValidationError('tool_choice', `unknown value "${value}"; expected auto, none, required or a function`);
  const choice = expectRecord(value, 'tool_choice');
  if (choice.type !== 'function') {
    throw new WireValidationError('tool_choice.type', 'only {"type": "function", "function": {"name": ...}} can be translated');
  }
  const fn = expectRecord(choice.function, 'tool_choice.function');
  return { type: 'tool', name: expectString(fn.name, 'tool_choice.function.name') };
}

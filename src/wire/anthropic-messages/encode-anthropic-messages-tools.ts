import type { IrRequest } from '../ir';
import type { AnthropicMessagesTool, AnthropicMessagesToolChoice } from './anthropic-messages-types';

export interface EncodedAnthropicMessagesTools {
  tools?: AnthropicMessagesTool[];
  tool_choice?: AnthropicMessagesToolChoice;
}

/**
 * IR tools → `tools` / `tool_choice` (https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use).
 * - `input_schema` must be a JSON Schema of `type: object`; a schema without a type (an OpenAI
 *   function with no parameters) gets one.
 * - `parallelToolCalls: false` → `disable_parallel_tool_use: true` (on `auto` when no choice).
 * - No tools → no tool_choice: Anthropic rejects a tool_choice without tools.
 * - `strict` is dropped on purpose: Anthropic's strict tool use is model-dependent and an older
 *   model would fail the whole request over it.
 */
export function encodeAnthropicMessagesTools(request: IrRequest): EncodedAnthropicMessagesTools {
  if (!request.tools || request.tools.length === 0) return {};
  const tools = request.tools.map((tool): AnthropicMessagesTool => {
    const encoded: AnthropicMessagesTool = {
      name: tool.name,
      input_schema: tool.parameters.type === undefined ? { type: 'object', ...tool.parameters } : tool.parameters,
    };
    if (tool.description !== undefined) encoded.description = tool.description;
    if (tool.cacheControl !== undefined) encoded.cache_control = tool.cacheControl as AnthropicMessagesTool['cache_control'];
    return encoded;
  });
  const toolChoice = encodeToolChoice(request);
  return toolChoice ? { tools, tool_choice: toolChoice } : { tools };
}

function encodeToolChoice(request: IrRequest): AnthropicMessagesToolChoice | undefined {
  const choice = request.toolChoice ?? (request.parallelToolCalls === undefined ? undefined : { type: 'auto' as const });
  if (!choice) return undefined;
  if (choice.type === 'none') return { type: 'none' };
  const parallel = request.parallelToolCalls === undefined ? {} : { disable_parallel_tool_use: !request.parallelToolCalls };
  switch (choice.type) {
    case 'auto':
      return { type: 'auto', ...parallel };
    case 'required':
      return { type: 'any', ...parallel };
    case 'tool':
      return { type: 'tool', name: choice.name, ...parallel };
  }
}

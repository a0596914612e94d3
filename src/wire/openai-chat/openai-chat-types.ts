/**
 * OpenAI Chat Completions wire shapes (`POST /v1/chat/completions`), as much of them as Plexus
 * reads or writes. Authoritative reference: the `openai` SDK's
 * `resources/chat/completions/completions.d.ts` and
 * https://platform.openai.com/docs/api-reference/chat. `reasoning_content` / `reasoning` are the
 * OpenAI-compatible extensions of DeepSeek / vLLM and OpenRouter.
 */

export type OpenAiChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool' | 'function';

export interface OpenAiChatTextPart {
  type: 'text';
  text: string;
  /** OpenRouter's Anthropic prompt-caching marker; read, never sent upstream. */
  cache_control?: Record<string, unknown>;
}

export interface OpenAiChatImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: string };
}

export interface OpenAiChatFilePart {
  type: 'file';
  file: { file_data?: string; file_id?: string; filename?: string };
}

export interface OpenAiChatRefusalPart {
  type: 'refusal';
  refusal: string;
}

export type OpenAiChatContentPart = OpenAiChatTextPart | OpenAiChatImagePart | OpenAiChatFilePart;

export interface OpenAiChatToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAiChatSystemMessage {
  role: 'system' | 'developer';
  content: string | OpenAiChatTextPart[];
}

export interface OpenAiChatUserMessage {
  role: 'user';
  content: string | OpenAiChatContentPart[];
}

export interface OpenAiChatAssistantMessage {
  role: 'assistant';
  content?: string | Array<OpenAiChatTextPart | OpenAiChatRefusalPart> | null;
  refusal?: string | null;
  tool_calls?: OpenAiChatToolCall[];
  /** DeepSeek / vLLM reasoning text. */
  reasoning_content?: string | null;
  /** OpenRouter reasoning text. */
  reasoning?: string | null;
}

export interface OpenAiChatToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | OpenAiChatTextPart[];
}

export type OpenAiChatMessage =
  | OpenAiChatSystemMessage
  | OpenAiChatUserMessage
  | OpenAiChatAssistantMessage
  | OpenAiChatToolMessage;

export interface OpenAiChatTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type OpenAiChatToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; function: { name: string } };

export type OpenAiChatResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean | null };
    };

export type OpenAiChatReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface OpenAiChatRequest {
  model: string;
  messages: OpenAiChatMessage[];
  tools?: OpenAiChatTool[];
  tool_choice?: OpenAiChatToolChoice;
  parallel_tool_calls?: boolean;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  temperature?: number | null;
  top_p?: number | null;
  stop?: string | string[] | null;
  seed?: number | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  n?: number | null;
  response_format?: OpenAiChatResponseFormat;
  reasoning_effort?: OpenAiChatReasoningEffort | null;
  user?: string;
  metadata?: Record<string, string> | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
}

export interface OpenAiChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; audio_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number };
}

export type OpenAiChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface OpenAiChatResponseMessage {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  reasoning_content?: string;
  tool_calls?: OpenAiChatToolCall[];
}

export interface OpenAiChatResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: OpenAiChatResponseMessage;
    logprobs: null;
    finish_reason: OpenAiChatFinishReason;
  }>;
  usage: OpenAiChatUsage;
}

export interface OpenAiChatToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface OpenAiChatChunkDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: OpenAiChatToolCallDelta[];
}

export interface OpenAiChatChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: OpenAiChatChunkDelta;
    logprobs?: null;
    finish_reason: OpenAiChatFinishReason | null;
  }>;
  usage?: OpenAiChatUsage | null;
}

export interface OpenAiChatErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

/**
 * Anthropic Messages wire shapes (`POST /v1/messages`), the subset Plexus reads and writes.
 * Authoritative source: the installed `@anthropic-ai/sdk` (resources/messages) and
 * https://docs.anthropic.com/en/api/messages . Fields Plexus never touches are left out; the
 * decoders ignore them rather than reject them.
 */

export type AnthropicMessagesCacheControl = { type: 'ephemeral'; ttl?: '5m' | '1h' } & Record<string, unknown>;

export interface AnthropicMessagesTextBlock {
  type: 'text';
  text: string;
  cache_control?: AnthropicMessagesCacheControl;
}

export type AnthropicMessagesImageSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string };

export interface AnthropicMessagesImageBlock {
  type: 'image';
  source: AnthropicMessagesImageSource;
  cache_control?: AnthropicMessagesCacheControl;
}

export type AnthropicMessagesDocumentSource =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'text'; media_type: 'text/plain'; data: string };

export interface AnthropicMessagesDocumentBlock {
  type: 'document';
  source: AnthropicMessagesDocumentSource;
  title?: string;
  cache_control?: AnthropicMessagesCacheControl;
}

export interface AnthropicMessagesToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
  cache_control?: AnthropicMessagesCacheControl;
}

export interface AnthropicMessagesToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | Array<AnthropicMessagesTextBlock | AnthropicMessagesImageBlock | AnthropicMessagesDocumentBlock>;
  is_error?: boolean;
  cache_control?: AnthropicMessagesCacheControl;
}

export interface AnthropicMessagesThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface AnthropicMessagesRedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export type AnthropicMessagesContentBlock =
  | AnthropicMessagesTextBlock
  | AnthropicMessagesImageBlock
  | AnthropicMessagesDocumentBlock
  | AnthropicMessagesToolUseBlock
  | AnthropicMessagesToolResultBlock
  | AnthropicMessagesThinkingBlock
  | AnthropicMessagesRedactedThinkingBlock;

export interface AnthropicMessagesMessage {
  role: 'user' | 'assistant';
  content: string | AnthropicMessagesContentBlock[];
}

export interface AnthropicMessagesTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
  cache_control?: AnthropicMessagesCacheControl;
}

export type AnthropicMessagesToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

export type AnthropicMessagesThinkingConfig =
  | { type: 'enabled'; budget_tokens: number }
  | { type: 'disabled' }
  | { type: 'adaptive' };

export interface AnthropicMessagesRequest {
  model: string;
  max_tokens: number;
  messages: AnthropicMessagesMessage[];
  system?: string | AnthropicMessagesTextBlock[];
  tools?: AnthropicMessagesTool[];
  tool_choice?: AnthropicMessagesToolChoice;
  thinking?: AnthropicMessagesThinkingConfig;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  metadata?: { user_id?: string };
  stream?: boolean;
}

export type AnthropicMessagesStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/**
 * `input_tokens` EXCLUDES cache reads and writes: the total prompt is the sum of the three
 * input fields (see the SDK's `Usage` doc comment).
 */
export interface AnthropicMessagesUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  /** Newer API versions: reasoning share of `output_tokens`. */
  output_tokens_details?: { thinking_tokens?: number } | null;
}

export type AnthropicMessagesResponseBlock =
  | AnthropicMessagesTextBlock
  | AnthropicMessagesThinkingBlock
  | AnthropicMessagesRedactedThinkingBlock
  | AnthropicMessagesToolUseBlock;

export interface AnthropicMessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicMessagesResponseBlock[];
  stop_reason: AnthropicMessagesStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicMessagesUsage;
}

/** Anthropic's error `type` strings (https://docs.anthropic.com/en/api/errors). */
export type AnthropicMessagesErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export interface AnthropicMessagesErrorEnvelope {
  type: 'error';
  error: { type: AnthropicMessagesErrorType; message: string };
  request_id?: string;
}

export type AnthropicMessagesContentBlockDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'input_json_delta'; partial_json: string };

/** Streaming events (https://docs.anthropic.com/en/docs/build-with-claude/streaming). */
export type AnthropicMessagesStreamEvent =
  | { type: 'message_start'; message: AnthropicMessagesResponse }
  | { type: 'content_block_start'; index: number; content_block: AnthropicMessagesResponseBlock }
  | { type: 'content_block_delta'; index: number; delta: AnthropicMessagesContentBlockDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: AnthropicMessagesStopReason | null; stop_sequence: string | null };
      usage: Partial<AnthropicMessagesUsage> & { output_tokens: number };
    }
  | { type: 'message_stop' }
  | { type: 'ping' }
  | AnthropicMessagesErrorEnvelope;

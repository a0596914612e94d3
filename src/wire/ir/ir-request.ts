/**
 * The internal representation (IR) of a chat request. Every wire format decodes into this and
 * encodes out of it (DESIGN.md: 2N converters, never N² pairwise ones). It carries everything
 * any of OpenAI Chat, Anthropic Messages and Gemini can say; what a format cannot express is
 * dropped by that format's encoder on purpose (see docs/TRANSLATION.md).
 */

/** The three client/provider wire formats; the same words are the config's `apiTypes`. */
export type IrApi = 'chat' | 'messages' | 'gemini';

/** Anthropic prompt-caching marker, kept verbatim so it survives whenever the target is Anthropic. */
export type IrCacheControl = Record<string, unknown>;

export interface IrTextPart {
  type: 'text';
  text: string;
  cacheControl?: IrCacheControl;
  /** Gemini `thoughtSignature` carried on a text part. */
  signature?: string;
}

export type IrMediaSource =
  | { kind: 'url'; url: string; mediaType?: string }
  | { kind: 'base64'; mediaType: string; data: string };

export interface IrImagePart {
  type: 'image';
  source: IrMediaSource;
  /** OpenAI `image_url.detail`. */
  detail?: string;
  cacheControl?: IrCacheControl;
}

export interface IrDocumentPart {
  type: 'document';
  source: IrMediaSource;
  title?: string;
  cacheControl?: IrCacheControl;
}

/** Thinking / reasoning. `redactedData` holds Anthropic `redacted_thinking.data`. */
export interface IrReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
}

export interface IrToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  /** Arguments as parsed JSON (an object for every sane provider). */
  arguments: unknown;
  /** Gemini `thoughtSignature` on a functionCall part; Gemini rejects the turn without it. */
  signature?: string;
  cacheControl?: IrCacheControl;
}

export interface IrToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  /** Needed by Gemini, whose functionResponse is matched by name. */
  toolName?: string;
  content: Array<IrTextPart | IrImagePart | IrDocumentPart>;
  isError?: boolean;
  cacheControl?: IrCacheControl;
}

export type IrPart =
  | IrTextPart
  | IrImagePart
  | IrDocumentPart
  | IrReasoningPart
  | IrToolCallPart
  | IrToolResultPart;

/** Tool results travel in `user` messages (as in Anthropic); OpenAI `tool` messages become them. */
export interface IrMessage {
  role: 'user' | 'assistant';
  content: IrPart[];
}

export interface IrSystemPart extends IrTextPart {
  /** OpenAI distinguishes `developer` from `system`; kept so an OpenAI round trip is exact. */
  role?: 'system' | 'developer';
}

export interface IrTool {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
  strict?: boolean;
  cacheControl?: IrCacheControl;
}

export type IrToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type IrResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name?: string; description?: string; schema: Record<string, unknown>; strict?: boolean };

export interface IrReasoningConfig {
  /** On unless explicitly disabled (Anthropic `thinking.type: disabled`, Gemini budget 0). */
  enabled?: boolean;
  /** OpenAI `reasoning_effort`. */
  effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  /** Anthropic `thinking.budget_tokens`, Gemini `thinkingConfig.thinkingBudget`. */
  budgetTokens?: number;
  /** Gemini `thinkingConfig.includeThoughts`. */
  includeThoughts?: boolean;
}

export interface IrRequest {
  /** The model name the client asked for (before routing). */
  model: string;
  system: IrSystemPart[];
  messages: IrMessage[];
  tools?: IrTool[];
  toolChoice?: IrToolChoice;
  parallelToolCalls?: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  candidateCount?: number;
  responseFormat?: IrResponseFormat;
  reasoning?: IrReasoningConfig;
  /** OpenAI `user`, Anthropic `metadata.user_id`. */
  user?: string;
  metadata?: Record<string, string>;
  stream: boolean;
  /** OpenAI `stream_options.include_usage`: the client wants the usage chunk. */
  includeUsage?: boolean;
}

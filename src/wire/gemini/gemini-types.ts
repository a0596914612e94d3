/**
 * Wire types of Google Gemini generateContent / streamGenerateContent, as much of them as Plexus
 * reads or writes. Shapes follow the REST reference (https://ai.google.dev/api/generate-content)
 * and the installed `@google/genai` declarations. Everything is optional because the decoders
 * validate as they read; unknown fields are simply not listed.
 */

export type GeminiRole = 'user' | 'model';

export interface GeminiBlob {
  mimeType?: string;
  /** Base64. */
  data?: string;
}

export interface GeminiFileData {
  mimeType?: string;
  fileUri?: string;
}

export interface GeminiFunctionCall {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
}

/** Media inside a functionResponse (multimodal function responses). */
export interface GeminiFunctionResponsePart {
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
}

export interface GeminiFunctionResponse {
  id?: string;
  name?: string;
  response?: Record<string, unknown>;
  parts?: GeminiFunctionResponsePart[];
}

export interface GeminiPart {
  text?: string;
  thought?: boolean;
  /** Opaque base64 signature the model needs back verbatim in the next request. */
  thoughtSignature?: string;
  inlineData?: GeminiBlob;
  fileData?: GeminiFileData;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
}

export interface GeminiContent {
  role?: GeminiRole;
  parts: GeminiPart[];
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** OpenAPI 3.0 subset, types often upper case (`OBJECT`, `STRING`). */
  parameters?: Record<string, unknown>;
  /** Plain JSON Schema; mutually exclusive with `parameters`. */
  parametersJsonSchema?: Record<string, unknown>;
}

export interface GeminiTool {
  functionDeclarations?: GeminiFunctionDeclaration[];
}

export type GeminiFunctionCallingMode = 'MODE_UNSPECIFIED' | 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

export interface GeminiToolConfig {
  functionCallingConfig?: {
    mode?: GeminiFunctionCallingMode;
    allowedFunctionNames?: string[];
  };
}

export type GeminiThinkingLevel = 'THINKING_LEVEL_UNSPECIFIED' | 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'XHIGH';

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  /** 0 disables thinking, -1 lets the model decide. */
  thinkingBudget?: number;
  thinkingLevel?: GeminiThinkingLevel;
}

export interface GeminiGenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  candidateCount?: number;
  responseMimeType?: string;
  responseSchema?: Record<string, unknown>;
  responseJsonSchema?: Record<string, unknown>;
  thinkingConfig?: GeminiThinkingConfig;
}

/** Body of `POST /v1beta/models/{model}:generateContent`; the model is in the URL, never here. */
export interface GeminiGenerateContentRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent | { role?: string; parts: GeminiPart[] };
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
  /** Not in the IR: dropped when translating (the same-format path forwards them). */
  safetySettings?: unknown[];
  cachedContent?: string;
}

export type GeminiFinishReason =
  | 'FINISH_REASON_UNSPECIFIED'
  | 'STOP'
  | 'MAX_TOKENS'
  | 'SAFETY'
  | 'RECITATION'
  | 'LANGUAGE'
  | 'OTHER'
  | 'BLOCKLIST'
  | 'PROHIBITED_CONTENT'
  | 'SPII'
  | 'MALFORMED_FUNCTION_CALL'
  | 'IMAGE_SAFETY'
  | 'IMAGE_PROHIBITED_CONTENT'
  | 'IMAGE_OTHER'
  | 'NO_IMAGE'
  | 'IMAGE_RECITATION'
  | 'UNEXPECTED_TOOL_CALL'
  | 'TOO_MANY_TOOL_CALLS'
  | 'MISSING_THOUGHT_SIGNATURE'
  | 'MALFORMED_RESPONSE';

export interface GeminiCandidate {
  content?: { role?: GeminiRole; parts?: GeminiPart[] };
  finishReason?: GeminiFinishReason | string;
  finishMessage?: string;
  index?: number;
}

/**
 * promptTokenCount INCLUDES cachedContentTokenCount; candidatesTokenCount EXCLUDES
 * thoughtsTokenCount; totalTokenCount = prompt + candidates + toolUsePrompt + thoughts.
 */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

export interface GeminiGenerateContentResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

/** One entry of `error.details` (google.rpc error details, tagged by `@type`). */
export interface GeminiErrorDetail {
  '@type'?: string;
  reason?: string;
  retryDelay?: string;
  fieldViolations?: Array<{ field?: string; description?: string }>;
  [key: string]: unknown;
}

/** The google.rpc.Status envelope every Gemini error answer uses. */
export interface GeminiErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    details?: GeminiErrorDetail[];
  };
}

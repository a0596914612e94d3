/**
 * Gemini usually sends no function-call ids (https://ai.google.dev/api/caching#FunctionCall:
 * `id` is optional) while OpenAI and Anthropic clients need one per call to match results.
 * Plexus makes stable ones, recognisable by their prefix so the encoders can leave them out
 * again: a Gemini upstream then sees calls and responses without ids, exactly as it produced
 * them, and matches them by name and order as it always does.
 */
const GENERATED_PREFIX = 'gemini_call_';

/**
 * A call in a request's history: its position among all calls of the request, so the same
 * history always yields the same ids (the client resends it every turn).
 */
export function requestToolCallId(callIndex: number, name: string): string {
  return `${GENERATED_PREFIX}${callIndex}_${safeIdChars(name)}`;
}

/** A call the model just made: unique across turns thanks to the response id. */
export function responseToolCallId(responseId: string, callIndex: number): string {
  return `${GENERATED_PREFIX}${safeIdChars(responseId) || 'response'}_${callIndex}`;
}

/** A function response whose call is not in the history (the client trimmed it). */
export function unmatchedResultToolCallId(resultIndex: number, name: string): string {
  return `${GENERATED_PREFIX}unmatched_${resultIndex}_${safeIdChars(name)}`;
}

export function isGeneratedToolCallId(id: string): boolean {
  return id.startsWith(GENERATED_PREFIX);
}

/** Anthropic tool_use ids must match ^[a-zA-Z0-9_-]+$; Gemini names may contain dots and colons. */
function safeIdChars(value: string): string {
  return value.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/**
 * Tool-call `arguments` travel as a JSON string in Chat Completions; the IR holds parsed JSON.
 *
 * Decision for arguments that are not a JSON object (a model cut off by `length`, or a provider
 * bug): the IR keeps the raw string itself rather than wrapping it, so an OpenAI → OpenAI trip
 * sends back exactly what the model wrote and nothing invents keys a tool never declared. The
 * encoder therefore sends a string verbatim and stringifies anything else. An empty string means
 * a call without arguments (some OpenAI-compatible servers send `""`), so it becomes `{}`.
 */
export function decodeOpenAiChatToolArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : raw;
  } catch {
    return raw;
  }
}

export function encodeOpenAiChatToolArguments(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? {});
}

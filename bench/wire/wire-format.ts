/** The three wire formats, named like the config's `apiTypes`. */
export type WireFormat = 'chat' | 'messages' | 'gemini';

export const WIRE_FORMATS: readonly WireFormat[] = ['chat', 'messages', 'gemini'];

/**
 * The client-facing path of a format, as a provider (and Plexus) serves it.
 * https://platform.openai.com/docs/api-reference/chat/create ·
 * https://docs.anthropic.com/en/api/messages ·
 * https://ai.google.dev/api/generate-content
 */
export function wireRequestPath(format: WireFormat, model: string, stream: boolean): string {
  switch (format) {
    case 'chat':
      return '/v1/chat/completions';
    case 'messages':
      return '/v1/messages';
    case 'gemini':
      return stream
        ? `/v1beta/models/${encodeURIComponent(model)}:streamGenerateContent?alt=sse`
        : `/v1beta/models/${encodeURIComponent(model)}:generateContent`;
  }
}

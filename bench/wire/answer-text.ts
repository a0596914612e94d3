import type { WireFormat } from './wire-format';

/**
 * The answer text of a non-streamed response body in `format`, or undefined if it has none.
 * https://platform.openai.com/docs/api-reference/chat/object ·
 * https://docs.anthropic.com/en/api/messages · https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function answerText(format: WireFormat, body: any): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  switch (format) {
    case 'chat':
      return body.choices?.[0]?.message?.content ?? undefined;
    case 'messages':
      return (body.content ?? [])
        .filter((block: any) => block.type === 'text')
        .map((block: any) => block.text)
        .join('') || undefined;
    case 'gemini':
      return (body.candidates?.[0]?.content?.parts ?? [])
        .filter((part: any) => typeof part.text === 'string' && part.thought !== true)
        .map((part: any) => part.text)
        .join('') || undefined;
  }
}

import type { WireFormat } from './wire-format';

/**
 * The answer text one parsed stream event carries, or undefined when it carries none (role
 * chunk, block start, ping, usage, thoughts).
 * OpenAI: https://platform.openai.com/docs/api-reference/chat-streaming ·
 * Anthropic: https://docs.anthropic.com/en/docs/build-with-claude/streaming ·
 * Gemini: https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export function streamEventText(format: WireFormat, data: any): string | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  switch (format) {
    case 'chat': {
      const content = data.choices?.[0]?.delta?.content;
      return typeof content === 'string' && content.length > 0 ? content : undefined;
    }
    case 'messages':
      return data.type === 'content_block_delta' && data.delta?.type === 'text_delta' ? data.delta.text : undefined;
    case 'gemini': {
      const parts: any[] = data.candidates?.[0]?.content?.parts ?? [];
      const text = parts
        .filter((part) => typeof part.text === 'string' && part.thought !== true)
        .map((part) => part.text)
        .join('');
      return text.length > 0 ? text : undefined;
    }
  }
}

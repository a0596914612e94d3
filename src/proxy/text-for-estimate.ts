import type { IrRequest } from '../wire/ir';

/** Tokens an image or document is counted as when usage must be estimated (OpenAI's low-detail image cost). */
const MEDIA_TOKENS_AS_TEXT = ' '.repeat(85 * 4);

/**
 * The request text a tokenizer should count when the provider reported no usage: system,
 * message text, tool calls and results, tool definitions. Media is counted as a fixed size
 * rather than tokenized (a base64 image is not text, and tokenizing megabytes of it would stall
 * the event loop).
 */
export function textForEstimate(request: IrRequest): string {
  const pieces: string[] = [];
  for (const part of request.system) pieces.push(part.text);
  for (const message of request.messages) {
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
          pieces.push(part.text);
          break;
        case 'tool-call':
          pieces.push(part.name, typeof part.arguments === 'string' ? part.arguments : JSON.stringify(part.arguments ?? {}));
          break;
        case 'tool-result':
          for (const item of part.content) pieces.push(item.type === 'text' ? item.text : MEDIA_TOKENS_AS_TEXT);
          break;
        default:
          pieces.push(MEDIA_TOKENS_AS_TEXT);
      }
    }
  }
  for (const tool of request.tools ?? []) pieces.push(tool.name, tool.description ?? '', JSON.stringify(tool.parameters));
  return pieces.join('\n');
}

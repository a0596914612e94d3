import { parseSseEvents } from './parse-sse-events';
import { streamEventText } from './stream-event-text';
import type { WireFormat } from './wire-format';

export interface StreamOutcome {
  /** Events that carried answer text. */
  deltas: number;
  text: string;
  /** The stream ended the way its format says a finished answer ends. */
  terminated: boolean;
  /** An error event inside the stream, if any. */
  error?: string;
}

/**
 * Reads a whole streamed answer the way a client SDK would and says whether it ended properly:
 * OpenAI with `data: [DONE]`, Anthropic with `message_stop`, Gemini with a `finishReason`.
 */
export function readStreamOutcome(format: WireFormat, body: string): StreamOutcome {
  const outcome: StreamOutcome = { deltas: 0, text: '', terminated: false };
  for (const event of parseSseEvents(body)) {
    if (format === 'chat' && event.data === '[DONE]') {
      outcome.terminated = true;
      continue;
    }
    let data: any;
    try {
      data = JSON.parse(event.data);
    } catch {
      outcome.error ??= `unparseable event data: ${event.data.slice(0, 120)}`;
      continue;
    }
    if (event.event === 'error' || data?.error !== undefined) {
      outcome.error ??= JSON.stringify(data).slice(0, 300);
      continue;
    }
    const text = streamEventText(format, data);
    if (text !== undefined) {
      outcome.deltas++;
      outcome.text += text;
    }
    if (format === 'messages' && data.type === 'message_stop') outcome.terminated = true;
    if (format === 'gemini' && data.candidates?.[0]?.finishReason) outcome.terminated = true;
  }
  return outcome;
}

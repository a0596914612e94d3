import { createParser, type EventSourceParser } from 'eventsource-parser';
import type { SseEvent } from '../ir';

/**
 * Incremental SSE parsing with eventsource-parser: feed text as it arrives, get whole events.
 * Handles CRLF framing (Gemini), padding (Anthropic) and events split across chunks.
 */
export class SseEventSplitter {
  private readonly parser: EventSourceParser;
  private pending: SseEvent[] = [];

  constructor() {
    this.parser = createParser({
      onEvent: (message) => {
        this.pending.push(message.event === undefined ? { data: message.data } : { event: message.event, data: message.data });
      },
    });
  }

  feed(text: string): SseEvent[] {
    this.parser.feed(text);
    return this.take();
  }

  /** The upstream ended: a final event without its blank line still counts. */
  end(): SseEvent[] {
    this.parser.feed('\n\n');
    return this.take();
  }

  private take(): SseEvent[] {
    if (this.pending.length === 0) return EMPTY;
    const events = this.pending;
    this.pending = [];
    return events;
  }
}

const EMPTY: SseEvent[] = [];

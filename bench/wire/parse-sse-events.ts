/** One server-sent event: its `event:` name (if any) and its `data:` lines joined. */
export interface SseEvent {
  event?: string;
  data: string;
}

/**
 * Splits a complete `text/event-stream` body into events. Accepts LF and CRLF framing (Gemini
 * sends CRLF). https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function parseSseEvents(body: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      else if (line.startsWith('event:')) event = line.slice(6).trim();
    }
    if (data.length > 0 || event !== undefined) events.push({ event, data: data.join('\n') });
  }
  return events;
}

import type { PlexusEvent } from './plexus-event';

/**
 * One SSE frame for a bus event: `id:` (increasing, process-wide), `event:` (the type, so
 * EventSource clients can `addEventListener(type)`) and `data:` (the whole event as JSON, so a
 * client reading the raw stream has the type and time too). JSON.stringify never emits a raw
 * newline, so the data stays on one line as SSE requires.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function formatEventFrame(event: PlexusEvent, redact: (text: string) => string): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${redact(JSON.stringify(event))}\n\n`;
}

/** Tells a slow client how many events were dropped from its buffer since the last notice. */
export function formatDroppedFrame(missed: number): string {
  return `event: dropped\ndata: ${JSON.stringify({ missed })}\n\n`;
}

/** An SSE comment: ignored by clients, keeps proxies from closing an idle stream. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';

/**
 * One SSE frame. `data` must not contain newlines (JSON.stringify output never does), which
 * keeps this a single concatenation on the hot path.
 */
export function formatSseEvent(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}

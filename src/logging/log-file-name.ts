/** The two JSONL logs; each is one file per UTC day, `<kind>-YYYY-MM-DD.jsonl`. */
export type LogKind = 'usage' | 'errors';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** UTC calendar day (YYYY-MM-DD) of an ISO time or Date; undefined when unparseable. */
export function utcDay(time: string | Date | number): string | undefined {
  const date = time instanceof Date ? time : new Date(time);
  const millis = date.getTime();
  return Number.isNaN(millis) ? undefined : date.toISOString().slice(0, 10);
}

export function logFileName(kind: LogKind, day: string): string {
  return `${kind}-${day}.jsonl`;
}

/** The day in a log file's name, or undefined for any file that is not one of ours. */
export function logFileDay(kind: LogKind, fileName: string): string | undefined {
  const prefix = `${kind}-`;
  if (!fileName.startsWith(prefix) || !fileName.endsWith('.jsonl')) return undefined;
  const day = fileName.slice(prefix.length, -'.jsonl'.length);
  return isDay(day) ? day : undefined;
}

/** True for a real calendar day written as YYYY-MM-DD. */
export function isDay(text: string): boolean {
  return DAY_PATTERN.test(text) && utcDay(`${text}T00:00:00Z`) === text;
}

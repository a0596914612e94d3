import { streamEventText } from './stream-event-text';
import type { WireFormat } from './wire-format';

/** A recorded stream stretched to any number of text deltas, pre-rendered to bytes. */
export interface MockStreamFrames {
  /** Written as soon as the stream opens (OpenAI role chunk; Anthropic message_start, block start, ping). */
  head: Buffer;
  /** One text event each, in order. */
  deltas: Buffer[];
  /** Written right after the last delta (finish, usage, terminator). */
  tail: Buffer;
  /** All delta texts concatenated: what any complete answer, translated or not, must carry. */
  text: string;
}

/**
 * Builds a stream of `deltaCount` text events from a recorded one by cycling its real text
 * events; the events around them (head, finish, usage, `[DONE]`) stay exactly as recorded.
 * Gemini has no head or tail: its last recorded chunk carries `finishReason`, so it stays last.
 */
export function buildMockStreamFrames(format: WireFormat, recordedSse: string, deltaCount: number): MockStreamFrames {
  if (!Number.isInteger(deltaCount) || deltaCount < 1) throw new Error(`mock stream: delta count must be >= 1, got ${deltaCount}`);
  const events = recordedSse.split(/(?<=\r\n\r\n|\n\n)/).filter((event) => event.trim().length > 0);
  const texts = events.map((event) => eventText(format, event));
  const first = texts.findIndex((text) => text !== undefined);
  const last = texts.length - 1 - [...texts].reverse().findIndex((text) => text !== undefined);
  if (first < 0) throw new Error(`mock stream: the recorded ${format} stream has no text event`);

  const content = events.slice(first, last + 1).filter((_, index) => texts[first + index] !== undefined);
  const contentTexts = texts.slice(first, last + 1).filter((text): text is string => text !== undefined);
  const finalCarriesFinish = format === 'gemini';
  const cycle = finalCarriesFinish && content.length > 1 ? content.length - 1 : content.length;

  const deltas: Buffer[] = [];
  let text = '';
  for (let index = 0; index < deltaCount; index++) {
    const source = finalCarriesFinish && index === deltaCount - 1 ? content.length - 1 : index % cycle;
    deltas.push(Buffer.from(content[source], 'utf8'));
    text += contentTexts[source];
  }
  return {
    head: Buffer.from(events.slice(0, first).join(''), 'utf8'),
    deltas,
    tail: Buffer.from(events.slice(last + 1).join(''), 'utf8'),
    text,
  };
}

function eventText(format: WireFormat, rawEvent: string): string | undefined {
  const dataLine = rawEvent.split(/\r?\n/).find((line) => line.startsWith('data:'));
  if (dataLine === undefined) return undefined;
  try {
    return streamEventText(format, JSON.parse(dataLine.slice(5)));
  } catch {
    return undefined;
  }
}

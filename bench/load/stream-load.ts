import { Pool } from 'undici';
import { readStreamOutcome } from '../wire/read-stream-outcome';
import type { WireFormat } from '../wire/wire-format';
import { percentile } from './percentile';

export interface StreamLoadSpec {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The format the client receives. */
  format: WireFormat;
  /** What a complete answer carries, and in how many text events. */
  expectedText: string;
  expectedDeltas: number;
  concurrency: number;
  /** No stream starts after this. */
  durationMs: number;
  /** Streams per client before it stops (1 for held streams); unbounded within the duration otherwise. */
  streamsPerClient?: number;
  /** Spread the clients' first requests over this long. */
  rampMs?: number;
  /** Bound of one stream, headers to last byte. */
  timeoutMs?: number;
}

export interface StreamLoadResult {
  started: number;
  /** Ended properly (format terminator, no error event) with every expected text event. */
  completed: number;
  /** 200 but cut short, missing events or carrying an error event. */
  incomplete: number;
  /** Non-200 or transport errors. */
  errors: number;
  durationSeconds: number;
  /** Completed streams per second. */
  streamsPerSecond: number;
  /** Request sent to first body byte. */
  ttfbMicros: { p50: number; p99: number };
  totalMicros: { p50: number; p99: number };
  /** Most streams open at once (first byte received, not yet ended). */
  maxOpen: number;
  /** The first failure seen, to make a bad run explainable. */
  firstProblem?: string;
}

/**
 * Closed-loop streaming clients that read every stream to its end and count only the ones that
 * end properly with every event, timing the first byte and the whole stream.
 */
export async function runStreamLoad(spec: StreamLoadSpec): Promise<StreamLoadResult> {
  const timeoutMs = spec.timeoutMs ?? 30_000;
  const pool = new Pool(spec.origin, { connections: spec.concurrency, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const ttfb: number[] = [];
  const total: number[] = [];
  const result = { started: 0, completed: 0, incomplete: 0, errors: 0, maxOpen: 0, firstProblem: undefined as string | undefined };
  let open = 0;
  const startedAt = performance.now();
  const deadline = startedAt + spec.durationMs;

  const oneStream = async () => {
    result.started++;
    const sentAt = performance.now();
    let firstByteAt: number | undefined;
    try {
      const response = await pool.request({
        method: 'POST',
        path: spec.path,
        headers: spec.headers,
        body: spec.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) {
        if (firstByteAt === undefined) {
          firstByteAt = performance.now();
          result.maxOpen = Math.max(result.maxOpen, ++open);
        }
        chunks.push(chunk as Buffer);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      if (response.statusCode !== 200) return fail('errors', `status ${response.statusCode}: ${text.slice(0, 300)}`);
      const outcome = readStreamOutcome(spec.format, text);
      const complete =
        outcome.terminated && outcome.error === undefined && outcome.deltas === spec.expectedDeltas && outcome.text === spec.expectedText;
      if (!complete) return fail('incomplete', describeIncomplete(outcome, spec));
      result.completed++;
      ttfb.push((firstByteAt! - sentAt) * 1000);
      total.push((performance.now() - sentAt) * 1000);
    } catch (error) {
      fail('errors', (error as Error).message);
    } finally {
      if (firstByteAt !== undefined) open--;
    }
  };
  const fail = (kind: 'errors' | 'incomplete', problem: string) => {
    result[kind]++;
    result.firstProblem ??= problem;
  };

  const client = async (index: number) => {
    if (spec.rampMs) await new Promise((resolve) => setTimeout(resolve, (index * spec.rampMs!) / spec.concurrency));
    for (let done = 0; performance.now() < deadline && (spec.streamsPerClient === undefined || done < spec.streamsPerClient); done++) {
      await oneStream();
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.concurrency }, (_, index) => client(index)));
  } finally {
    await pool.close();
  }
  const durationSeconds = (performance.now() - startedAt) / 1000;
  const sortedTtfb = Float64Array.from(ttfb).sort();
  const sortedTotal = Float64Array.from(total).sort();
  return {
    ...result,
    durationSeconds,
    streamsPerSecond: result.completed / durationSeconds,
    ttfbMicros: { p50: percentile(sortedTtfb, 50), p99: percentile(sortedTtfb, 99) },
    totalMicros: { p50: percentile(sortedTotal, 50), p99: percentile(sortedTotal, 99) },
  };
}

function describeIncomplete(outcome: ReturnType<typeof readStreamOutcome>, spec: StreamLoadSpec): string {
  if (outcome.error !== undefined) return `error event: ${outcome.error}`;
  if (!outcome.terminated) return `stream ended without its terminator after ${outcome.deltas} text events`;
  if (outcome.deltas !== spec.expectedDeltas) return `${outcome.deltas} text events, expected ${spec.expectedDeltas}`;
  return `text differs: got ${JSON.stringify(outcome.text.slice(0, 80))}, expected ${JSON.stringify(spec.expectedText.slice(0, 80))}`;
}

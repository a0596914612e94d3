import type { BenchTarget } from '../bench-context';
import { answerText } from '../wire/answer-text';
import type { ClientRequest } from '../wire/client-request';
import type { WireFormat } from '../wire/wire-format';
import { runStreamLoad } from './stream-load';

/**
 * One call before a target is loaded, checking the answer is the right one in the client's
 * format, so a fast 4xx or an empty translation can never pass for speed. Returns the problem.
 */
export async function preflightNonStream(target: BenchTarget, request: ClientRequest, format: WireFormat, expectedText: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${target.url}${request.path}`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (response.status !== 200) return `preflight: status ${response.status}: ${text.slice(0, 300)}`;
    const answer = answerText(format, JSON.parse(text));
    return answer === expectedText ? undefined : `preflight: answer ${JSON.stringify(answer)} instead of ${JSON.stringify(expectedText)}: ${text.slice(0, 300)}`;
  } catch (error) {
    return `preflight: ${(error as Error).message}`;
  }
}

/** One stream read to its end with every expected event; returns the problem. */
export async function preflightStream(
  target: BenchTarget,
  request: ClientRequest,
  format: WireFormat,
  expected: { text: string; deltas: number },
): Promise<string | undefined> {
  const result = await runStreamLoad({
    origin: target.url,
    ...request,
    format,
    expectedText: expected.text,
    expectedDeltas: expected.deltas,
    concurrency: 1,
    durationMs: 10_000,
    streamsPerClient: 1,
    timeoutMs: 10_000,
  });
  return result.completed === 1 ? undefined : `preflight: ${result.firstProblem ?? 'stream did not complete'}`;
}

import type { HeaderBag } from '../wire-codec';
import { readHeader } from './read-header';

/**
 * OpenAI answers a 429 without `retry-after`; its `x-ratelimit-*` headers say when each budget
 * refills instead (`x-ratelimit-reset-requests: 1s`, `x-ratelimit-reset-tokens: 6m0s`).
 * https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 * Only a budget that is actually spent (`x-ratelimit-remaining-*: 0`) counts: the other one's
 * reset time says nothing about when this request can go through. With neither spent (a single
 * request larger than the limit, as in the recorded 429) there is no hint to give.
 */
export function parseOpenAiRateLimitReset(headers: HeaderBag): number | undefined {
  const waits: number[] = [];
  for (const budget of ['requests', 'tokens']) {
    if (readHeader(headers, `x-ratelimit-remaining-${budget}`)?.trim() !== '0') continue;
    const reset = parseDuration(readHeader(headers, `x-ratelimit-reset-${budget}`));
    if (reset !== undefined) waits.push(reset);
  }
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };

/** Go-style durations as OpenAI prints them: `1h2m3.5s`, `6m0s`, `120ms`. */
function parseDuration(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(text)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    seconds += Number.parseFloat(amount) * UNIT_SECONDS[unit];
  }
  return seconds;
}

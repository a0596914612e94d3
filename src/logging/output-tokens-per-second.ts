/**
 * Output tokens over generation time: after the first token when the time to first token is
 * known (streaming), else over the whole duration. Undefined when there is nothing to measure.
 */
export function outputTokensPerSecond(outputTokens: number, durationMs: number, ttftMs?: number): number | undefined {
  if (outputTokens <= 0) return undefined;
  const generationMs = ttftMs !== undefined && durationMs > ttftMs ? durationMs - ttftMs : durationMs;
  if (generationMs <= 0) return undefined;
  return outputTokens / (generationMs / 1000);
}

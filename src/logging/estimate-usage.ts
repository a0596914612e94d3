import type { IrUsage } from '../wire/ir';
import { TokenCountWorker } from './token-count-worker';

/** Texts longer than this are sampled: the rest is extrapolated at the sampled tokens-per-character rate. */
export const ESTIMATE_SAMPLE_CHARS = 32 * 1024;
/**
 * BPE merging is quadratic in the length of an unbroken run (256 KB of one letter takes tens of
 * seconds), so the sample is tokenized in slices no longer than this.
 */
const SLICE_CHARS = 2 * 1024;

const worker = new TokenCountWorker();

/**
 * Token counts for a request whose provider sent no usage, with gpt-tokenizer's o200k_base
 * encoding (GPT-4o and later) on a worker thread. For other vendors' models it is an estimate,
 * usually within a few percent for English text. Bounded: at most ESTIMATE_SAMPLE_CHARS per text are
 * tokenized, in short slices, whatever the size of the request.
 */
export async function estimateUsage(texts: {
  inputText: string;
  outputText: string;
  /** Full output length when `outputText` is only its start (a stream keeps a bounded sample). */
  outputChars?: number;
}): Promise<IrUsage> {
  const input = slices(texts.inputText);
  const output = slices(texts.outputText, texts.outputChars);
  const counts = await worker.count([...input.slices, ...output.slices]);
  const sum = (from: number, to: number): number => counts.slice(from, to).reduce((total, value) => total + value, 0);
  return {
    inputTokens: extrapolate(sum(0, input.slices.length), input),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: extrapolate(sum(input.slices.length, counts.length), output),
    reasoningTokens: 0,
  };
}

/** Stops the worker (shutdown, tests). */
export function stopUsageEstimator(): Promise<void> {
  return worker.close();
}

interface Sampled {
  slices: string[];
  sampledChars: number;
  totalChars: number;
}

function slices(text: string, totalChars = text.length): Sampled {
  const sample = text.length > ESTIMATE_SAMPLE_CHARS ? text.slice(0, ESTIMATE_SAMPLE_CHARS) : text;
  const result: string[] = [];
  for (let start = 0; start < sample.length; start += SLICE_CHARS) result.push(sample.slice(start, start + SLICE_CHARS));
  return { slices: result, sampledChars: sample.length, totalChars: Math.max(totalChars, text.length) };
}

function extrapolate(tokens: number, sampled: Sampled): number {
  if (sampled.sampledChars === sampled.totalChars || sampled.sampledChars === 0) return tokens;
  return Math.round((tokens / sampled.sampledChars) * sampled.totalChars);
}

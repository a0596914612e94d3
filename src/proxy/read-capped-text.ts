export interface CappedText {
  text: string;
  /** The body was longer than the limit; reading stopped there and the connection was dropped. */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of a body as text (error bodies and broken upstreams can be huge,
 * or endless). Leaving the loop early destroys the body, so an endless answer stops costing
 * anything at the limit.
 */
export async function readCappedText(body: AsyncIterable<Buffer>, limit: number): Promise<CappedText> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) {
      truncated = true;
      break;
    }
  }
  const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  return { text: buffer.subarray(0, limit).toString('utf8'), truncated };
}

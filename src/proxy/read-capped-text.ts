import type { Readable } from 'node:stream';

export interface CappedText {
  text: string;
  /** The body was longer than the limit; reading stopped there and the connection was dropped. */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of a body as text (error bodies and broken upstreams can be huge,
 * or endless). Stopping at the limit destroys the body, so an endless answer stops costing
 * anything there. Plain listeners rather than `for await`: the async iterator costs a promise
 * per chunk and showed in the benchmark profile of every non-streamed answer.
 */
export function readCappedText(body: Readable, limit: number): Promise<CappedText> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (truncated: boolean): void => {
      stop();
      const buffer = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      resolve({ text: buffer.subarray(0, limit).toString('utf8'), truncated });
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        finish(true);
        // undici's body reports its own destruction as an 'error' (AbortError); nobody listens
        // any more, and an unheard 'error' would crash the process.
        body.on('error', ignore);
        body.destroy();
      }
    };
    const onEnd = (): void => finish(false);
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    // A body destroyed before its end (socket reset, caller's abort) closes without 'end'.
    const onClose = (): void => onError(prematureClose());
    const stop = (): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
    };
    if (body.destroyed) {
      reject(body.errored ?? prematureClose());
      return;
    }
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}

function ignore(): void {}

function prematureClose(): Error {
  return Object.assign(new Error('the response body closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

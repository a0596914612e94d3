import { vi } from 'vitest';

/**
 * Records into `into` everything this process writes to the given streams (an in-process
 * gateway's log lines are this process's writes), still printing it. `vi.restoreAllMocks()` undoes it.
 */
export function captureProcessOutput(into: string[], streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      into.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
}

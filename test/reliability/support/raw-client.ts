import { connect, type Socket } from 'node:net';

/** A raw TCP client to the gateway: for clients no HTTP library would be (slow, stalled, rude). */
export interface RawClient {
  socket: Socket;
  /** Everything received so far, as latin1 text. */
  received(): string;
  bytesReceived(): number;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
}

export async function openRawClient(gatewayUrl: string): Promise<RawClient> {
  const { hostname, port } = new URL(gatewayUrl);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  let bytes = 0;
  let isClosed = false;
  socket.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    // Keep the start only: a stalled-reader test must not hold the stream in the test process.
    if (bytes < 1_000_000) chunks.push(chunk);
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      resolve();
    }),
  );
  return { socket, received: () => Buffer.concat(chunks).toString('latin1'), bytesReceived: () => bytes, closed, isClosed: () => isClosed };
}

/** Writes one byte every `intervalMs` until the socket closes or the text runs out. */
export async function trickle(client: RawClient, text: string, intervalMs: number): Promise<void> {
  for (const byte of Buffer.from(text)) {
    if (client.isClosed() || client.socket.destroyed) return;
    client.socket.write(Buffer.from([byte]));
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `condition` holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

import { ADMIN_KEY } from '../../support/start-test-gateway';

export interface ReceivedFrame {
  id?: string;
  event?: string;
  data?: string;
  /** SSE comment lines (`: heartbeat`), without the colon. */
  comments: string[];
  /** performance.now() when the frame was complete. */
  receivedAt: number;
}

/**
 * Reads `/v0/events` the way a dashboard would: a fetch whose body is parsed into SSE frames as
 * it arrives. Keeps every frame and the raw text, so tests can wait for events and grep the stream.
 */
export class SseTestClient {
  readonly frames: ReceivedFrame[] = [];
  raw = '';
  private buffer = '';
  private done: Promise<void> = Promise.resolve();

  private constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {}

  static async open(gatewayUrl: string, key = ADMIN_KEY): Promise<SseTestClient> {
    const controller = new AbortController();
    const response = await fetch(`${gatewayUrl}/v0/events`, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, signal: controller.signal });
    const client = new SseTestClient(response, controller);
    if (response.ok && response.body) client.done = client.pump(response.body);
    return client;
  }

  /** Frames with `event:` of this type, their data parsed. */
  events<T = any>(type: string): Array<{ id: number; type: string; at: string; data: T }> {
    return this.frames.filter((frame) => frame.event === type && frame.data !== undefined).map((frame) => JSON.parse(frame.data!));
  }

  /** How many frames of this type arrived, optionally only those whose data contains `text` (nothing is parsed). */
  count(type: string, text?: string): number {
    let count = 0;
    for (const frame of this.frames) if (frame.event === type && (text === undefined || frame.data?.includes(text))) count++;
    return count;
  }

  async waitFor<T = any>(type: string, matches: (data: T) => boolean = () => true, timeoutMs = 5000): Promise<{ id: number; type: string; at: string; data: T }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events<T>(type).find((event) => matches(event.data));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no "${type}" event within ${timeoutMs} ms; got: ${this.frames.map((frame) => frame.event ?? frame.comments.join(',')).join(' ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done.catch(() => undefined);
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        this.buffer += text;
        this.splitFrames();
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  private splitFrames(): void {
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) !== -1) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const frame: ReceivedFrame = { comments: [], receivedAt: performance.now() };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
        else if (line.startsWith('id: ')) frame.id = line.slice(4);
        else if (line.startsWith('event: ')) frame.event = line.slice(7);
        else if (line.startsWith('data: ')) frame.data = (frame.data === undefined ? '' : `${frame.data}\n`) + line.slice(6);
      }
      this.frames.push(frame);
    }
  }
}

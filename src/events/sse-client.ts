import { formatDroppedFrame, HEARTBEAT_FRAME } from './format-event-frame';

/** The part of a Node response (or any writable) an SSE client writes to. */
export interface SseSink {
  write(chunk: string): boolean;
  end(): unknown;
  on(event: 'drain' | 'close' | 'error', listener: (...args: unknown[]) => void): unknown;
}

/**
 * One event-stream subscriber. Frames go straight to the socket while it keeps up; once a write
 * reports a full socket buffer, frames wait in a backlog of at most `capacity` and are written on
 * `drain`. A backlog that overflows drops its oldest frames, and the client is told how many
 * (`event: dropped`) before the rest, so a stalled reader costs bounded memory and never slows the
 * publisher (DESIGN.md: bounded buffers, side work off the request path).
 */
export class SseClient {
  private readonly backlog: string[] = [];
  private missed = 0;
  private blocked = false;
  private closed = false;

  constructor(
    private readonly sink: SseSink,
    private readonly capacity: number,
  ) {
    sink.on('drain', () => this.flushBacklog());
    sink.on('close', () => this.markClosed());
    // A reset socket errors before it closes; without a listener that error would crash the process.
    sink.on('error', () => this.markClosed());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Frames waiting for the socket to drain. */
  get backlogSize(): number {
    return this.backlog.length;
  }

  send(frame: string): void {
    if (this.closed) return;
    if (this.blocked) this.enqueue(frame);
    else this.write(frame);
  }

  /** Skipped while the client is behind: its backlog already proves the stream is alive. */
  heartbeat(): void {
    if (!this.closed && !this.blocked) this.write(HEARTBEAT_FRAME);
  }

  end(): void {
    if (this.closed) return;
    this.markClosed();
    this.sink.end();
  }

  private write(text: string): void {
    this.blocked = !this.sink.write(text);
  }

  private enqueue(frame: string): void {
    if (this.backlog.length >= this.capacity) {
      this.backlog.shift();
      this.missed++;
    }
    this.backlog.push(frame);
  }

  private flushBacklog(): void {
    if (this.closed) return;
    this.blocked = false;
    if (this.missed > 0) {
      // The dropped frames were older than everything still queued, so the notice goes first.
      const missed = this.missed;
      this.missed = 0;
      this.write(formatDroppedFrame(missed));
    }
    while (!this.blocked && this.backlog.length > 0) this.write(this.backlog.shift()!);
  }

  private markClosed(): void {
    this.closed = true;
    this.backlog.length = 0;
  }
}

import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_FRAME } from './format-event-frame';
import { SseClient, type SseSink } from './sse-client';

/**
 * A socket-like sink: each write takes one unit of `room` and reports a full buffer when none is
 * left (the write itself is still accepted, as Node's are). `drain` gives room back.
 */
class FakeSink extends EventEmitter implements SseSink {
  readonly written: string[] = [];
  room = Infinity;

  set accepting(value: boolean) {
    this.room = value ? Infinity : 0;
  }

  write(chunk: string): boolean {
    this.written.push(chunk);
    this.room--;
    return this.room > 0;
  }

  end(): void {}

  drain(room = Infinity): void {
    this.room = room;
    this.emit('drain');
  }
}

const frame = (n: number) => `id: ${n}\nevent: test\ndata: {}\n\n`;

describe('SseClient', () => {
  it('writes straight through while the socket keeps up', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 3);
    client.send(frame(1));
    client.send(frame(2));
    expect(sink.written).toEqual([frame(1), frame(2)]);
    expect(client.backlogSize).toBe(0);
  });

  it('holds frames once a write reports a full buffer, and writes them in order on drain', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 3);
    sink.accepting = false;
    client.send(frame(1));
    client.send(frame(2));
    client.send(frame(3));
    expect(sink.written).toEqual([frame(1)]);
    expect(client.backlogSize).toBe(2);

    sink.drain();
    expect(sink.written).toEqual([frame(1), frame(2), frame(3)]);
    expect(client.backlogSize).toBe(0);
  });

  it('drops the oldest frames past its capacity and says how many before the rest', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 3);
    sink.accepting = false;
    for (let n = 1; n <= 7; n++) client.send(frame(n));
    expect(client.backlogSize).toBe(3);

    sink.drain();
    expect(sink.written).toEqual([frame(1), 'event: dropped\ndata: {"missed":3}\n\n', frame(5), frame(6), frame(7)]);
  });

  it('stops flushing when the socket fills again, and keeps counting drops across drains', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 2);
    sink.accepting = false;
    for (let n = 1; n <= 4; n++) client.send(frame(n));
    sink.drain(1);
    expect(sink.written.slice(1)).toEqual(['event: dropped\ndata: {"missed":1}\n\n']);
    expect(client.backlogSize).toBe(2);

    for (let n = 5; n <= 6; n++) client.send(frame(n));
    sink.drain();
    expect(sink.written.slice(2)).toEqual(['event: dropped\ndata: {"missed":2}\n\n', frame(5), frame(6)]);
  });

  it('skips heartbeats while behind', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 3);
    client.heartbeat();
    sink.accepting = false;
    client.send(frame(1));
    client.heartbeat();
    expect(sink.written).toEqual([HEARTBEAT_FRAME, frame(1)]);
  });

  it('writes nothing after the connection closes and lets go of its backlog', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 3);
    sink.accepting = false;
    client.send(frame(1));
    client.send(frame(2));
    sink.emit('close');
    expect(client.isClosed).toBe(true);
    expect(client.backlogSize).toBe(0);
    sink.drain();
    client.send(frame(3));
    client.heartbeat();
    expect(sink.written).toEqual([frame(1)]);
  });

  it('survives a socket error without an unhandled error event', () => {
    const sink = new FakeSink();
    const client = new SseClient(sink, 3);
    expect(() => sink.emit('error', new Error('ECONNRESET'))).not.toThrow();
    expect(client.isClosed).toBe(true);
  });
});

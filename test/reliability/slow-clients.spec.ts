import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import { MockUpstream, type ReceivedRequest } from '../support/mock-upstream';
import { CLIENT_KEY, type TestGateway } from '../support/start-test-gateway';
import { openRawClient, sleep, trickle, waitUntil, type RawClient } from './support/raw-client';
import { readJsonLines } from './support/read-json-lines';
import { startGateway } from './support/start-gateway';

/** Short limits so the test sees them act; production defaults are minutes (bootstrap.ts). */
const REQUEST_TIMEOUT_MS = 1_500;
const HEADERS_TIMEOUT_MS = 1_000;
/** Node checks the limits once a second; then the socket closes. */
const CLOSE_MARGIN_MS = 3_000;

const CHAT_BODY = JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] });

describe('slow and stalled clients', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  /** Upstream streams that have started and not yet closed, by the marker in the prompt. */
  const openStreams = new Map<string, number>();
  let stalledBytesWritten = 0;

  beforeAll(async () => {
    await upstream.start();
    upstream.override((request, response) => {
      const marker = promptOf(request);
      if (marker !== 'stall-me' && marker !== 'storm') return false;
      void streamForever(request, response, marker);
      return true;
    });
    gateway = await startGateway(upstream.url, { start: { requestTimeoutMs: REQUEST_TIMEOUT_MS, headersTimeoutMs: HEADERS_TIMEOUT_MS } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });

  async function streamForever(request: ReceivedRequest, response: ServerResponse, marker: string): Promise<void> {
    openStreams.set(marker, (openStreams.get(marker) ?? 0) + 1);
    response.on('close', () => openStreams.set(marker, openStreams.get(marker)! - 1));
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(ssePreambleFor(request.url));
    const event = sseEventFor(request.url, marker === 'stall-me' ? 16_384 : 8);
    while (!response.destroyed) {
      const flowing = response.write(event);
      if (marker === 'stall-me') stalledBytesWritten += event.length;
      if (!flowing) await drainOrClose(response);
      else if (marker === 'storm') await sleep(20);
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('sets finite slow-client limits by default', async () => {
    const defaults = await startGateway(upstream.url);
    try {
      const server = defaults.app.getHttpAdapter().getInstance().server;
      expect(server.requestTimeout).toBeGreaterThan(0);
      expect(server.requestTimeout).toBeLessThanOrEqual(300_000);
      expect(server.headersTimeout).toBeGreaterThan(0);
      expect(server.headersTimeout).toBeLessThanOrEqual(server.requestTimeout);
    } finally {
      await defaults.stop();
    }
  });

  it('times out clients that send their body or headers a byte at a time (slowloris), while serving others', async () => {
    const headers = `POST /v1/chat/completions HTTP/1.1\r\nHost: plexus\r\nAuthorization: Bearer ${CLIENT_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${CHAT_BODY.length}\r\n\r\n`;
    const bodyTricklers: RawClient[] = [];
    const headerTricklers: RawClient[] = [];
    for (let index = 0; index < 15; index++) {
      const body = await openRawClient(gateway.url);
      body.socket.write(headers);
      void trickle(body, CHAT_BODY, 200);
      bodyTricklers.push(body);
      const head = await openRawClient(gateway.url);
      void trickle(head, headers + CHAT_BODY, 200);
      headerTricklers.push(head);
    }
    const startedAt = Date.now();

    // Meanwhile everyone else is served at normal speed.
    for (let index = 0; index < 10; index++) {
      const requestStarted = Date.now();
      const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: CHAT_BODY });
      expect(response.status).toBe(200);
      await response.text();
      expect(Date.now() - requestStarted).toBeLessThan(2_000);
    }

    await Promise.all([...bodyTricklers, ...headerTricklers].map((client) => client.closed));
    const elapsed = Date.now() - startedAt;
    // A trickled body takes 200 ms × its length (~13 s) to arrive: only the limit ends it this soon.
    expect(CHAT_BODY.length * 200).toBeGreaterThan(REQUEST_TIMEOUT_MS + CLOSE_MARGIN_MS * 2);
    expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + CLOSE_MARGIN_MS);
    for (const client of [...bodyTricklers, ...headerTricklers]) expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('holds back a client that stops reading a stream: upstream reads pause, memory stays flat, others are served', async () => {
    const client = await openRawClient(gateway.url);
    const body = JSON.stringify({ model: 'via-chat', stream: true, messages: [{ role: 'user', content: 'stall-me' }] });
    client.socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: plexus\r\nAuthorization: Bearer ${CLIENT_KEY}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    await waitUntil(() => client.bytesReceived() > 100_000, 'the stream to start');
    client.socket.pause();

    // Socket buffers on both hops fill within a moment; after that nothing may move.
    await sleep(2_000);
    const writtenAfterFill = stalledBytesWritten;
    const rssAfterFill = process.memoryUsage().rss;
    const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' }, body: CHAT_BODY });
    expect(response.status).toBe(200);
    await response.text();
    await sleep(2_000);
    expect(stalledBytesWritten - writtenAfterFill).toBeLessThan(1_000_000);
    expect(writtenAfterFill).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - rssAfterFill).toBeLessThan(64 * 1024 * 1024);
    expect(openStreams.get('stall-me')).toBe(1);

    // When that client finally goes away, so does the upstream request.
    client.socket.destroy();
    await waitUntil(() => openStreams.get('stall-me') === 0, 'the upstream stream to close');
  }, 30_000);

  it('leaves no upstream stream open when many clients disconnect mid-stream, and records each as cancelled', async () => {
    const routes: Array<{ path: string; model: string; headers: Record<string, string>; body: (model: string) => unknown }> = [
      { path: '/v1/chat/completions', model: 'via-messages', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: (model: string) => ({ model, stream: true, messages: [{ role: 'user', content: 'storm' }] }) },
      { path: '/v1/messages', model: 'via-gemini', headers: { 'x-api-key': CLIENT_KEY }, body: (model: string) => ({ model, stream: true, max_tokens: 16, messages: [{ role: 'user', content: 'storm' }] }) },
      { path: '/v1beta/models/via-chat:streamGenerateContent?alt=sse', model: 'via-chat', headers: { 'x-goog-api-key': CLIENT_KEY }, body: () => ({ contents: [{ role: 'user', parts: [{ text: 'storm' }] }] }) },
      { path: '/v1/chat/completions', model: 'via-chat', headers: { authorization: `Bearer ${CLIENT_KEY}` }, body: (model: string) => ({ model, stream: true, messages: [{ role: 'user', content: 'storm' }] }) },
    ];
    const clients = 40;
    const requestIds: string[] = [];
    // Idle keep-alive connections left by earlier tests may stay; none opened for the storm may.
    const socketsBefore = upstream.openSockets.size;
    await Promise.all(
      Array.from({ length: clients }, async (_, index) => {
        const route = routes[index % routes.length];
        const requestId = `storm-${index}-${Date.now()}`;
        requestIds.push(requestId);
        const abort = new AbortController();
        const response = await fetch(`${gateway.url}${route.path}`, {
          method: 'POST',
          headers: { ...route.headers, 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify(route.body(route.model)),
          signal: abort.signal,
        });
        expect(response.status).toBe(200);
        const reader = response.body!.getReader();
        expect((await reader.read()).done).toBe(false);
        abort.abort();
      }),
    );
    await waitUntil(() => openStreams.get('storm') === 0, 'every upstream stream to close');
    await waitUntil(() => upstream.openSockets.size <= socketsBefore, 'every upstream socket of the storm to close');

    await gateway.app.get(UsageRecorder).flush();
    const records = readJsonLines(`${gateway.dataDir}/logs/usage`).records.filter((record) => requestIds.includes(record.requestId));
    expect(records).toHaveLength(clients);
    expect(records.every((record) => record.status === 'cancelled')).toBe(true);
  }, 30_000);
});

function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done).off('close', done);
      resolve();
    };
    response.on('drain', done).on('close', done);
  });
}

function promptOf(request: ReceivedRequest): string | undefined {
  const body = request.body;
  const first = body?.messages?.[0]?.content ?? body?.contents?.[0]?.parts?.[0]?.text;
  if (typeof first === 'string') return first;
  return Array.isArray(first) ? first[0]?.text : undefined;
}

/**
 * What a provider sends before the first delta. Anthropic opens a message and a text block. The
 * chat stream reports usage up front, so the gateway has no reason to estimate usage over the
 * tens of MB a stalled stream moves: this file measures backpressure alone (the estimate has
 * its own test, usage-estimate-blocking.spec.ts).
 */
function ssePreambleFor(url: string): string {
  if (url.includes('/chat/completions')) {
    return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } })}\n\n`;
  }
  if (!url.includes('/messages')) return '';
  const start = { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4', content: [], stop_reason: null, usage: { input_tokens: 1, output_tokens: 0 } } };
  const block = { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
  return `event: message_start\ndata: ${JSON.stringify(start)}\n\nevent: content_block_start\ndata: ${JSON.stringify(block)}\n\n`;
}

/** One content event in the provider's own stream format, carrying `size` characters. */
function sseEventFor(url: string, size: number): string {
  const text = 'x'.repeat(size);
  if (url.includes('/chat/completions')) {
    return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
  }
  if (url.includes('/messages')) {
    return `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } })}\n\n`;
  }
  return `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0 }] })}\r\n\r\n`;
}

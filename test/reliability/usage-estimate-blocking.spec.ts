import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { CLIENT_KEY, type TestGateway } from '../support/start-test-gateway';
import { sleep } from './support/raw-client';
import { startGateway } from './support/start-gateway';

/**
 * Regression: when a stream ends without provider usage (every client that disconnects before the
 * final usage event), usage is estimated with a tokenizer on the event loop. It once tokenized
 * JSON.stringify(body), base64 images included (~1.3 ms per KB, and quadratic on long unbroken
 * runs), so one cancelled request with a 2 MB image stalled every other request for seconds.
 * Now media counts as a fixed size and at most 32 KB per text is tokenized, in short slices.
 */
const MAX_STALL_MS = 250;

describe('usage estimation after a cancelled stream', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;

  beforeAll(async () => {
    await upstream.start();
    upstream.override(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: 'Looking' }, finish_reason: null }] })}\n\n`);
      await new Promise((resolve) => response.on('close', resolve));
      return true;
    });
    gateway = await startGateway(upstream.url);
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });

  it('does not stall the event loop when a client with an image disconnects mid-stream', async () => {
    const image = randomBytes(1_500_000).toString('base64');
    const abort = new AbortController();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'via-chat',
        stream: true,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in this photo?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${image}` } }] }],
      }),
      signal: abort.signal,
    });
    await response.body!.getReader().read();

    let worstStall = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      worstStall = Math.max(worstStall, now - last - 10);
      last = now;
    }, 10);
    abort.abort();
    await sleep(4_000);
    clearInterval(probe);
    expect(worstStall).toBeLessThan(MAX_STALL_MS);
  }, 30_000);
});

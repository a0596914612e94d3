import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { CLIENT_KEY, type TestGateway } from '../support/start-test-gateway';
import { startGateway } from './support/start-gateway';

/** Exactly the URLs the config allows: each provider's base URL plus its format's path. */
const CONFIGURED_PATHS = new Set([
  '/v1/chat/completions',
  '/v1/messages',
  '/v1beta/models/gemini-2.5-flash:generateContent',
  '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
]);

/**
 * Provider URLs come only from the config. Whatever model name a client sends — in the body or
 * in the Gemini path, with `../`, `?`, `#`, `@`, encoded slashes, absolute URLs, CRLF — and
 * whatever URLs it puts in headers or image parts, Plexus calls only the configured paths on the
 * configured host, and a second "attacker" server on the same machine hears nothing.
 */
describe('upstream URLs are pinned to the config', () => {
  const upstream = new MockUpstream();
  const attackerHits: string[] = [];
  let attacker: Server;
  let attackerHost: string;
  let gateway: TestGateway;

  beforeAll(async () => {
    attacker = createServer((request, response) => {
      attackerHits.push(`${request.method} ${request.url}`);
      response.end('{}');
    });
    attacker.on('connection', () => attackerHits.push('connection'));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerHost = `127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    await upstream.start();
    gateway = await startGateway(upstream.url);
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
    await new Promise((resolve) => attacker.close(resolve));
  });

  const fragments = () => [
    '../', '..%2F', '%2e%2e%2f', '..\\', '/', '%2F', '?', '%3F', '#', '%23', '@', '%40', ':', '%3A', '\r\nHost: evil', '%0d%0aHost:%20evil', '\u0000', '%00',
    `http://${attackerHost}/`, `//${attackerHost}/x`, `${attackerHost}`, `user@${attackerHost}`, `https:%2F%2F${attackerHost}`, '∕', '．．／',
    'via-chat', 'via-gemini', 'openai-mock/', 'gemini-mock/', 'anthropic-mock/', 'gemini-2.5-flash', 'gpt-4o', 'models/', ':generateContent', ':streamGenerateContent?alt=sse',
  ];

  it('calls only configured URLs and never another host, for 600 hostile model names and URL-bearing inputs', async () => {
    const fastify = gateway.app.getHttpAdapter().getInstance();
    const hostileModel = fc.oneof(
      { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fragments()) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')) },
      // Valid names too, so the URL-bearing headers and image parts do reach a provider.
      { weight: 1, arbitrary: fc.constantFrom('via-chat', 'via-messages', 'via-gemini', 'gemini-mock/gemini-2.5-flash', 'models/via-gemini', 'openai-mock/gpt-4o') },
    );
    const format = fc.constantFrom('chat', 'messages', 'gemini-body-path', 'gemini-raw-path');
    await fc.assert(
      fc.asyncProperty(hostileModel, format, fc.boolean(), async (model, client, stream) => {
        const spoof = { 'x-forwarded-host': attackerHost, forwarded: `host=${attackerHost}`, 'x-original-url': `http://${attackerHost}/v1`, referer: `http://${attackerHost}/` };
        const image = `http://${attackerHost}/cat.png`;
        let response;
        if (client === 'chat') {
          response = await fastify.inject({
            method: 'POST',
            url: '/v1/chat/completions',
            headers: { ...spoof, authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json' },
            payload: { model, stream, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image_url', image_url: { url: image } }] }] },
          });
        } else if (client === 'messages') {
          response = await fastify.inject({
            method: 'POST',
            url: '/v1/messages',
            headers: { ...spoof, 'x-api-key': CLIENT_KEY, 'content-type': 'application/json', 'anthropic-beta': `http://${attackerHost}/` },
            payload: { model, max_tokens: 16, stream, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url: image } }, { type: 'text', text: 'hi' }] }] },
          });
        } else {
          // Raw: as a careless client would put it in the path (characters no request line can carry removed).
          const segment = client === 'gemini-body-path' ? encodeURIComponent(model) : [...model].filter((character) => character > ' ').join('');
          const action = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
          response = await fastify.inject({
            method: 'POST',
            url: `/v1beta/models/${segment}:${action}`,
            headers: { ...spoof, 'x-goog-api-key': CLIENT_KEY, 'content-type': 'application/json' },
            payload: { contents: [{ role: 'user', parts: [{ text: 'hi' }, { fileData: { mimeType: 'image/png', fileUri: image } }] }] },
          });
        }
        expect(response.statusCode).toBeLessThan(500);
        const unexpected = upstream.received.map((request) => request.url).filter((url) => !CONFIGURED_PATHS.has(url));
        expect(unexpected).toEqual([]);
        expect(attackerHits).toEqual([]);
      }),
      { numRuns: 600, endOnFailure: true },
    );
    // The property would hold trivially if nothing ever reached a provider.
    expect(upstream.received.length).toBeGreaterThan(20);
    expect(new Set(upstream.received.map((request) => request.url)).size).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

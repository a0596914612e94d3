import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from './undici-lite';

// undici-lite reaches into undici/lib/*: an undici upgrade that moves those files must fail here.
describe('undici-lite Agent', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: request.url, body })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("is undici's own Agent class, with request() on it", () => {
    const agent = new Agent();
    expect(agent).toBeInstanceOf(undici.Agent);
    expect(agent).toBeInstanceOf(undici.Dispatcher);
    expect(typeof agent.request).toBe('function');
    return agent.close();
  });

  it('sends a request and reads the answer', async () => {
    const agent = new Agent({ connections: null });
    const response = await agent.request({ origin, path: '/v1/chat?x=1', method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ path: '/v1/chat?x=1', body: '{"a":1}' });
    await agent.close();
  });
});

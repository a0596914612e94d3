import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureProcessOutput } from '../support/capture-output';
import { flushRequestLines } from '../../src/http/request-log';
import { MockUpstream } from '../support/mock-upstream';
import { CLIENT_KEY, startTestGateway, type TestGateway } from '../support/start-test-gateway';

/** Issue 2: one structured line per request at info level (never a secret), none below it. */
describe('request log lines', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  let written: string[] = [];

  beforeAll(async () => {
    await upstream.start();
    gateway = await startTestGateway(upstream.url, (config) => (config.logging.level = 'info'));
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });
  afterEach(() => vi.restoreAllMocks());

  function captureStdout(): void {
    written = [];
    captureProcessOutput(written, [process.stdout]);
  }

  function requestLines(): any[] {
    flushRequestLines();
    return written.join('').split('\n').filter((line) => line.includes('"context":"Request"')).map((line) => JSON.parse(line));
  }

  it('writes one JSON line per proxied request with method, route, status, duration, id, key name and target', async () => {
    captureStdout();
    const response = await fetch(`${gateway.url}/v1/chat/completions?key=${CLIENT_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-line-1' },
      body: JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lines = requestLines().filter((line) => line.requestId === 'log-line-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'POST', route: '/v1/chat/completions', status: 200, key: 'test-client', model: 'via-chat', provider: 'openai-mock', targetModel: 'gpt-4o', outcome: 'success' });
    expect(lines[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(written.join('')).not.toContain(CLIENT_KEY);
  });

  it('logs other routes too, and nothing once the level is above info', async () => {
    captureStdout();
    await fetch(`${gateway.url}/health`, { headers: { 'x-request-id': 'log-line-2' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requestLines().filter((line) => line.requestId === 'log-line-2')).toEqual([expect.objectContaining({ route: '/health', status: 200 })]);

    const config = gateway.configService.config;
    gateway.configService.replace({ ...gateway.configService.snapshot, config: { ...config, logging: { ...config.logging, level: 'warn' } } });
    captureStdout();
    await fetch(`${gateway.url}/health`, { headers: { 'x-request-id': 'log-line-3' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requestLines().filter((line) => line.requestId === 'log-line-3')).toEqual([]);
  });
});

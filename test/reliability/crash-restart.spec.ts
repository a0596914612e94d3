import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageQueryService } from '../../src/logging/usage-query.service';
import { MockUpstream } from '../support/mock-upstream';
import { ADMIN_KEY, CLIENT_KEY, standardConfig } from '../support/start-test-gateway';
import { testConfigService } from '../support/test-config';
import { freePort, spawnGateway, type ChildGateway } from './support/child-gateway';
import { sleep } from './support/raw-client';
import { listFiles, readJsonLines } from './support/read-json-lines';

/** The usage writer flushes every second; a record older than this must be on disk. */
const FLUSHED_AFTER_MS = 2_500;
const LOAD_MS = 5_000;

interface Sent {
  requestId: string;
  finishedAt?: number;
}

/**
 * kill -9 under streaming load, then a restart on the same files: logs still parse (at most a
 * cut last line, which readers skip), nothing older than the flush interval is lost, the
 * cooldown survives, the config file is byte for byte what it was.
 */
describe('crash (kill -9) and restart', () => {
  const upstream = new MockUpstream();
  let dataDir: string;
  let configPath: string;
  let configText: string;
  let port: number;
  let brokenCalls = 0;
  let gateway: ChildGateway | undefined;

  beforeAll(async () => {
    await upstream.start();
    upstream.override((request, response) => {
      if (request.url.startsWith('/broken/')) {
        brokenCalls++;
        response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"upstream exploded","type":"server_error"}}');
        return true;
      }
      if (request.body?.stream !== true || request.body?.messages?.[0]?.content !== 'slow') return false;
      void slowChatStream(response);
      return true;
    });
    dataDir = mkdtempSync(join(tmpdir(), 'plexus-crash-'));
    port = await freePort();
    const config = standardConfig(upstream.url, dataDir);
    config.server.port = port;
    config.providers.push({ name: 'broken-mock', apiTypes: ['chat'], baseUrls: { chat: `${upstream.url}/broken/v1` }, auth: { type: 'bearer', apiKey: 'sk-broken-test-secret' }, models: ['gpt-4o'] });
    config.models.push({ alias: 'flaky', selector: 'in_order', targets: [{ provider: 'broken-mock', model: 'gpt-4o' }, { provider: 'openai-mock', model: 'gpt-4o' }] });
    // Long enough to still be cooling after the restart.
    config.resilience.cooldown.defaults = { server_error: 600 };
    configPath = join(dataDir, 'plexus.yaml');
    configText = stringify(config);
    writeFileSync(configPath, configText);
  });
  afterAll(async () => {
    gateway?.child.kill('SIGKILL');
    await gateway?.exited;
    await upstream.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing older than a second, corrupts nothing, and restores cooldowns', async () => {
    gateway = await spawnGateway(configPath, { port });
    const url = gateway.url;

    // A failover puts broken-mock in cooldown (saved to disk, debounced).
    expect((await chat(url, 'flaky', 'hi', 'warm-flaky')).status).toBe(200);
    expect(brokenCalls).toBe(1);

    const sent: Sent[] = [];
    let stop = false;
    const loops = Array.from({ length: 12 }, async (_, loop) => {
      for (let index = 0; !stop; index++) {
        const record: Sent = { requestId: `crash-${loop}-${index}` };
        sent.push(record);
        try {
          const response = await requestFor(url, loop, record.requestId);
          await response.text();
          if (response.status === 200) record.finishedAt = Date.now();
        } catch {
          return; // the gateway is gone
        }
      }
    });
    await sleep(LOAD_MS);
    gateway.child.kill('SIGKILL');
    const killedAt = Date.now();
    const exit = await gateway.exited;
    stop = true;
    await Promise.all(loops);
    expect(exit.signal).toBe('SIGKILL');

    // The files as the crash left them.
    expect(readFileSync(configPath, 'utf8')).toBe(configText);
    const cooldowns = JSON.parse(readFileSync(join(dataDir, 'cooldowns.json'), 'utf8'));
    expect(cooldowns.entries.map((entry: { provider: string }) => entry.provider)).toContain('broken-mock');
    const usage = readJsonLines(join(dataDir, 'logs/usage'));
    const errors = readJsonLines(join(dataDir, 'logs/errors'));
    expect(usage.brokenLines).toEqual([]);
    expect(errors.brokenLines).toEqual([]);
    const recorded = new Set(usage.records.map((record) => record.requestId));
    const settled = sent.filter((record) => record.finishedAt !== undefined && record.finishedAt < killedAt - FLUSHED_AFTER_MS);
    expect(settled.length).toBeGreaterThan(50);
    expect(settled.filter((record) => !recorded.has(record.requestId)).map((record) => record.requestId)).toEqual([]);
    // Streams were in flight when the process died.
    expect(sent.filter((record) => record.finishedAt === undefined).length).toBeGreaterThan(0);

    // A kill mid-append cuts the last line only now and then (one write per batch); cut one for
    // certain so the restart always has to cope with it.
    const usageFile = listFiles(join(dataDir, 'logs/usage')).find((file) => file.endsWith('.jsonl'))!;
    appendFileSync(usageFile, '{"requestId":"cut-by-the-crash","usage":{"inpu');
    const cutLines = readJsonLines(join(dataDir, 'logs/usage')).partialTails.length;
    expect(cutLines).toBeGreaterThanOrEqual(1);

    // Restart on the same files.
    gateway = await spawnGateway(configPath, { port });
    const health = await (await fetch(`${gateway.url}/v0/health`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
    const broken = health.providers.find((provider: { name: string }) => provider.name === 'broken-mock');
    expect(broken.cooldowns.length).toBeGreaterThan(0);
    expect((await chat(gateway.url, 'flaky', 'hi', 'after-restart-flaky')).status).toBe(200);
    expect(brokenCalls).toBe(1);
    for (let index = 0; index < 5; index++) expect((await chat(gateway.url, 'via-chat', 'hi', `after-restart-${index}`)).status).toBe(200);
    gateway.child.kill('SIGTERM');
    expect((await gateway.exited).code).toBe(0);
    gateway = undefined;

    // A line the crash cut is now followed by new lines: readers skip it and keep the rest.
    const after = readJsonLines(join(dataDir, 'logs/usage'));
    expect(after.partialTails).toEqual([]);
    expect(after.brokenLines.length).toBe(cutLines);
    expect(after.brokenLines[0].line).toContain('cut-by-the-crash');
    expect(after.records.map((record) => record.requestId)).toEqual(expect.arrayContaining(['after-restart-flaky', 'after-restart-4']));
    const query = new UsageQueryService(testConfigService({ logging: { usage: { storagePath: join(dataDir, 'logs/usage') } } }));
    const summary = await query.summary({ groupBy: 'day' });
    expect(summary.groups.reduce((total, group) => total + group.requests, 0)).toBe(after.records.length);
  }, 180_000);
});

async function slowChatStream(response: import('node:http').ServerResponse): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (let index = 0; index < 40 && !response.destroyed; index++) {
    response.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content: `part ${index} ` }, finish_reason: null }] })}\n\n`);
    await sleep(25);
  }
  response.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
  response.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [], usage: { prompt_tokens: 5, completion_tokens: 40, total_tokens: 45 } })}\n\ndata: [DONE]\n\n`);
  response.end();
}

function chat(url: string, model: string, content: string, requestId: string, stream = false): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CLIENT_KEY}`, 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content }] }),
  });
}

/** A mix: slow OpenAI streams, Anthropic streams translated from Gemini, Gemini calls translated to OpenAI, failovers. */
function requestFor(url: string, loop: number, requestId: string): Promise<Response> {
  const headers = { 'content-type': 'application/json', 'x-request-id': requestId };
  switch (loop % 4) {
    case 0:
    case 1:
      return chat(url, 'via-chat', 'slow', requestId, true);
    case 2:
      return fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { ...headers, 'x-api-key': CLIENT_KEY },
        body: JSON.stringify({ model: 'via-gemini', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
    default:
      return fetch(`${url}/v1beta/models/${loop % 8 === 3 ? 'flaky' : 'via-chat'}:generateContent`, {
        method: 'POST',
        headers: { ...headers, 'x-goog-api-key': CLIENT_KEY },
        body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
      });
  }
}

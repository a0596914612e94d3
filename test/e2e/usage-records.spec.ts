import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageRecorder } from '../../src/logging/usage-recorder';
import { fixtureJson } from '../support/fixtures';
import { anthropicClient, geminiClient, openAiClient } from '../support/sdk-clients';
import { CLIENT_KEY } from '../support/start-test-gateway';
import { useTestGateway } from '../support/use-test-gateway';

/**
 * Issue 6 end to end: requests through the SDKs produce exact usage lines (tokens from the
 * fixtures' usage, cost from the test config's prices), estimated usage is marked, and a
 * cancelled stream is recorded as cancelled.
 */
describe('usage records', () => {
  const setup = useTestGateway();
  const { upstream } = setup;

  async function usageLines(): Promise<any[]> {
    await setup.gateway.app.get(UsageRecorder).flush();
    const dir = join(setup.gateway.dataDir, 'logs/usage');
    return readdirSync(dir)
      .filter((name) => /^usage-\d{4}-\d{2}-\d{2}\.jsonl$/.test(name))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
  }

  async function lineFor(requestId: string): Promise<any> {
    for (let tries = 0; tries < 50; tries++) {
      const line = (await usageLines()).find((record) => record.requestId === requestId);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no usage line for ${requestId}`);
  }

  it('an OpenAI request to an OpenAI provider: same format, tokens and cost from the recording', async () => {
    const { response, data } = await openAiClient(setup.gateway.url)
      .chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    const line = await lineFor(response.headers.get('x-request-id')!);
    const usage = fixtureJson('openai-chat', 'chat-text.json').usage;
    expect(data.usage?.prompt_tokens).toBe(usage.prompt_tokens);
    expect(line).toMatchObject({
      keyName: 'test-client',
      clientApi: 'chat',
      requestedModel: 'via-chat',
      alias: 'via-chat',
      provider: 'openai-mock',
      targetModel: 'gpt-4o',
      providerApi: 'chat',
      streamed: false,
      translated: false,
      status: 'success',
      httpStatus: 200,
      usageEstimated: false,
      finishReason: 'stop',
      usage: { inputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 2, reasoningTokens: 0 },
    });
    // gpt-4o at $2.50 in / $10 out per million.
    expect(line.cost.total).toBeCloseTo((20 * 2.5 + 2 * 10) / 1e6, 15);
    expect(line.cost).toMatchObject({ currency: 'USD', source: 'models' });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(JSON.stringify(line)).not.toContain(CLIENT_KEY);
  });

  it('an Anthropic stream translated to a Gemini provider counts usage once', async () => {
    const stream = anthropicClient(setup.gateway.url).messages.stream({ model: 'via-gemini', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] });
    await stream.finalMessage();
    const requestId = (await stream.withResponse()).response.headers.get('x-request-id')!;
    const line = await lineFor(requestId);
    // stream-text.sse (gemini-2.0-flash-exp): promptTokenCount and candidatesTokenCount of the last chunk.
    expect(line).toMatchObject({ clientApi: 'messages', providerApi: 'gemini', streamed: true, translated: true, status: 'success' });
    expect(line.usage.inputTokens).toBeGreaterThan(0);
    expect(line.usage.outputTokens).toBeGreaterThan(0);
    expect(line.ttftMs).toBeGreaterThanOrEqual(0);
    expect(line.cost.total).toBeCloseTo((line.usage.inputTokens * 0.3 + line.usage.outputTokens * 2.5) / 1e6, 15);
  });

  it('a stream whose provider sends no usage is estimated with a tokenizer and marked', async () => {
    upstream.override((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.end(chunk({ role: 'assistant', content: 'The quick brown fox jumps over the lazy dog.' }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
      return true;
    });
    const { response } = await openAiClient(setup.gateway.url)
      .chat.completions.create({ model: 'via-chat', stream: true, messages: [{ role: 'user', content: 'Tell me about foxes please.' }] })
      .withResponse();
    const line = await lineFor(response.headers.get('x-request-id')!);
    expect(line.usageEstimated).toBe(true);
    expect(line.usage.outputTokens).toBeGreaterThanOrEqual(8);
    expect(line.usage.outputTokens).toBeLessThanOrEqual(14);
    expect(line.usage.inputTokens).toBeGreaterThan(0);
  });

  it('a stream the client abandons is recorded as cancelled', async () => {
    upstream.override(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}\n\n');
      await new Promise<void>((resolve) => response.on('close', () => resolve()));
      return true;
    });
    const response = await fetch(`${setup.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}` },
      body: JSON.stringify({ model: 'via-chat', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    const line = await lineFor(response.headers.get('x-request-id')!);
    expect(line.status).toBe('cancelled');
    expect(line.streamed).toBe(true);
  });

  it('a Gemini request records reasoning tokens and prices them at the output price', async () => {
    const response = await geminiClient(setup.gateway.url).models.generateContent({ model: 'via-gemini', contents: 'hi' });
    expect(response.text).toBe('Olá!');
    const lines = await usageLines();
    const line = lines.filter((record) => record.clientApi === 'gemini').at(-1);
    // generate-content-text.json: prompt 11, candidates 2, thoughts 24.
    expect(line.usage).toEqual({ inputTokens: 11, cacheReadTokens: 0, cacheWriteTokens: 0, outputTokens: 26, reasoningTokens: 24 });
    expect(line.cost.total).toBeCloseTo((11 * 0.3 + 26 * 2.5) / 1e6, 15);
  });

  it('writes no usage or error line for a request without a valid client key (a flood cannot fill the disk)', async () => {
    const before = (await usageLines()).length;
    for (let index = 0; index < 20; index++) {
      const response = await fetch(`${setup.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key', 'x-request-id': `no-key-${index}` },
        body: JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(401);
    }
    const after = await usageLines();
    expect(after.length).toBe(before);
    expect(after.some((line) => String(line.requestId).startsWith('no-key-'))).toBe(false);
    const errorsDir = join(setup.gateway.dataDir, 'logs/errors');
    const errorText = existsSync(errorsDir) ? readdirSync(errorsDir).map((name) => readFileSync(join(errorsDir, name), 'utf8')).join('') : '';
    expect(errorText).not.toContain('no-key-');
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureText } from '../support/fixtures';
import { anthropicClient, openAiClient } from '../support/sdk-clients';
import { CLIENT_KEY, PROVIDER_KEYS } from '../support/start-test-gateway';
import { useTestGateway } from '../support/use-test-gateway';

describe('proxy behaviour users rely on', () => {
  const setup = useTestGateway();
  const { upstream } = setup;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${setup.gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${CLIENT_KEY}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('same format forwards unknown fields both ways and swaps only the model', async () => {
    upstream.override((request, response) => {
      const recorded = JSON.parse(fixtureText('openai-chat', 'chat-text.json'));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...recorded, x_provider_extra: { kept: true } }));
      return true;
    });
    const response = await post('/v1/chat/completions', { model: 'via-chat', messages: [{ role: 'user', content: 'hi' }], x_client_extra: [1, 2] });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.x_provider_extra).toEqual({ kept: true });
    expect(body.choices[0].message.content).toBe('Oi!');
    const sent = upstream.received[0];
    expect(sent.body.x_client_extra).toEqual([1, 2]);
    expect(sent.body.model).toBe('gpt-4o');
    expect(sent.headers.authorization).toBe(`Bearer ${PROVIDER_KEYS.chat}`);
    expect(response.headers.get('x-plexus-provider')).toBe('openai-mock');
    expect(response.headers.get('x-plexus-model')).toBe('gpt-4o');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('never forwards the client credential; passes the client anthropic-version and beta through', async () => {
    await anthropicClient(setup.gateway.url).messages.create(
      { model: 'via-messages', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' } },
    );
    const sent = upstream.received[0];
    expect(sent.headers['x-api-key']).toBe(PROVIDER_KEYS.messages);
    expect(JSON.stringify(sent.headers)).not.toContain(CLIENT_KEY);
    expect(sent.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sent.headers['anthropic-beta']).toBe('prompt-caching-2024-07-31');
  });

  it('sends the default anthropic-version when an OpenAI client reaches Anthropic', async () => {
    await openAiClient(setup.gateway.url).chat.completions.create({ model: 'via-messages', messages: [{ role: 'user', content: 'hi' }] });
    expect(upstream.received[0].headers['anthropic-version']).toBe('2023-06-01');
    expect(upstream.received[0].headers['anthropic-beta']).toBeUndefined();
  });

  it('asks an OpenAI upstream for usage and hides that chunk from a client that did not ask', async () => {
    const stream = await openAiClient(setup.gateway.url).chat.completions.create({ model: 'via-chat', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(upstream.received[0].body.stream_options).toEqual({ include_usage: true });
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe('Olá!');
  });

  it('echoes the client x-request-id', async () => {
    const response = await post('/v1/chat/completions', { model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] }, { 'x-request-id': 'my-trace-123' });
    expect(response.headers.get('x-request-id')).toBe('my-trace-123');
  });

  describe('bad input gets the route\'s own error envelope and the server keeps serving', () => {
    it('malformed JSON → 400 per format', async () => {
      const openai = await post('/v1/chat/completions', '{"model": "via-chat", ');
      expect(openai.status).toBe(400);
      expect((await openai.json()).error.message).toMatch(/malformed JSON/);
      const anthropic = await post('/v1/messages', '{nope');
      expect(anthropic.status).toBe(400);
      const anthropicBody = await anthropic.json();
      expect(anthropicBody.type).toBe('error');
      expect(anthropicBody.error.type).toBe('invalid_request_error');
      const gemini = await post('/v1beta/models/via-gemini:generateContent', '[[[');
      expect(gemini.status).toBe(400);
      expect((await gemini.json()).error.status).toBe('INVALID_ARGUMENT');
    });

    it('missing messages / wrong types name the field', async () => {
      const missing = await post('/v1/chat/completions', { model: 'via-chat' });
      expect(missing.status).toBe(400);
      expect((await missing.json()).error.message).toMatch(/messages/);
      const wrongType = await post('/v1/messages', { model: 'via-messages', max_tokens: 10, messages: 'hello' });
      expect(wrongType.status).toBe(400);
      expect((await wrongType.json()).error.message).toMatch(/messages/);
      const noModel = await post('/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }] });
      expect(noModel.status).toBe(400);
      expect((await noModel.json()).error.message).toMatch(/^model/);
    });

    it('unknown model → 404 naming the model and how to list models', async () => {
      const response = await post('/v1/chat/completions', { model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
      expect(response.status).toBe(404);
      const message = (await response.json()).error.message;
      expect(message).toContain('no-such-model');
      expect(message).toContain('/v1/models');
    });

    it('a body over the limit → 413 in the envelope', async () => {
      const huge = JSON.stringify({ model: 'via-chat', messages: [{ role: 'user', content: 'x'.repeat(33 * 1024 * 1024) }] });
      const response = await post('/v1/chat/completions', huge);
      expect(response.status).toBe(413);
      expect((await response.json()).error.message).toMatch(/larger/);
    });

    it('still serves a normal request afterwards', async () => {
      const completion = await openAiClient(setup.gateway.url).chat.completions.create({ model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] });
      expect(completion.choices[0].message.content).toBe('Oi!');
    });
  });

  describe('client keys', () => {
    const body = { model: 'via-chat', messages: [{ role: 'user', content: 'hi' }] };
    it.each([
      ['Authorization: Bearer', { authorization: `Bearer ${CLIENT_KEY}` }, ''],
      ['x-api-key', { 'x-api-key': CLIENT_KEY }, ''],
      ['x-goog-api-key', { 'x-goog-api-key': CLIENT_KEY }, ''],
      ['?key=', {}, `?key=${CLIENT_KEY}`],
    ])('accepts the key in %s', async (_where, headers, query) => {
      const response = await fetch(`${setup.gateway.url}/v1/chat/completions${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      expect(response.status).toBe(200);
    });

    it('rejects a wrong key with 401 in each route\'s envelope', async () => {
      const wrong = { authorization: 'Bearer wrong-key' };
      const openai = await post('/v1/chat/completions', body, wrong);
      expect(openai.status).toBe(401);
      expect((await openai.json()).error.type).toBe('authentication_error');
      const anthropic = await post('/v1/messages', { ...body, max_tokens: 5 }, wrong);
      expect(anthropic.status).toBe(401);
      expect((await anthropic.json()).error.type).toBe('authentication_error');
      const gemini = await post('/v1beta/models/via-gemini:generateContent', { contents: [{ parts: [{ text: 'hi' }] }] }, wrong);
      expect(gemini.status).toBe(401);
      expect((await gemini.json()).error.status).toBe('UNAUTHENTICATED');
      const models = await fetch(`${setup.gateway.url}/v1/models`);
      expect(models.status).toBe(401);
      expect(upstream.received).toHaveLength(0);
    });
  });

  it('lists every alias on /v1/models and /v1beta/models', async () => {
    const openai = await openAiClient(setup.gateway.url).models.list();
    expect(openai.data.map((model) => model.id)).toEqual(['via-chat', 'via-messages', 'via-gemini']);
    const gemini = await (await fetch(`${setup.gateway.url}/v1beta/models?key=${CLIENT_KEY}`)).json();
    expect(gemini.models.map((model: any) => model.name)).toEqual(['models/via-chat', 'models/via-messages', 'models/via-gemini']);
  });

  it('a client that disconnects mid-stream aborts the upstream request', async () => {
    upstream.override(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"finish_reason":null}]}\n\n');
      // Then go quiet: only the gateway closing the socket ends this.
      await new Promise<void>((resolve) => response.on('close', () => resolve()));
      return true;
    });
    const before = upstream.closedMidStream;
    const response = await post('/v1/chat/completions', { model: 'via-chat', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('Hello');
    await reader.cancel();
    await waitFor(() => upstream.closedMidStream > before);
    expect(upstream.received).toHaveLength(1);
  });

  it('serves the OpenAPI document with the auth schemes', async () => {
    const document = await (await fetch(`${setup.gateway.url}/docs-json`)).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/chat/completions', '/v1/messages', '/v1/models', '/health']));
    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(['client-key', 'x-api-key', 'x-goog-api-key', 'admin-key']));
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

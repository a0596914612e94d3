import { describe, expect, it } from 'vitest';
import { geminiClient, openAiClient } from '../support/sdk-clients';
import { CLIENT_KEY } from '../support/start-test-gateway';
import { useTestGateway } from '../support/use-test-gateway';

/** Issue 10: Gemini clients on the SDK's default API version (/v1) and on v1beta, names with `/`. */
describe('Gemini routes under /v1 and /v1beta', () => {
  const setup = useTestGateway();
  const { upstream } = setup;

  for (const apiVersion of [undefined, 'v1beta']) {
    const label = apiVersion ?? 'the SDK default';
    it(`generateContent with ${label}`, async () => {
      const response = await geminiClient(setup.gateway.url, apiVersion).models.generateContent({ model: 'via-gemini', contents: 'hi' });
      expect(response.text).toBe('Olá!');
      expect(upstream.received[0].url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    });

    it(`streamGenerateContent with ${label}`, async () => {
      let text = '';
      for await (const chunk of await geminiClient(setup.gateway.url, apiVersion).models.generateContentStream({ model: 'via-chat', contents: 'hi' })) {
        text += chunk.text ?? '';
      }
      expect(text).toBe('Olá!');
      expect(upstream.received[0].url).toBe('/v1/chat/completions');
    });
  }

  it('the SDK default really is /v1/models/… (so both prefixes matter)', async () => {
    // Point the SDK straight at the mock, which records the path it was called on.
    upstream.override((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }] }));
      return true;
    });
    await geminiClient(upstream.url).models.generateContent({ model: 'any-model', contents: 'hi' });
    expect(upstream.received[0].url).toBe('/v1/models/any-model:generateContent');
  });

  it('resolves the models/ prefix some clients send to the same alias', async () => {
    const response = await fetch(`${setup.gateway.url}/v1beta/models/models/via-gemini:generateContent?key=${CLIENT_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).candidates[0].content.parts[0].text).toBe('Olá!');
  });

  it('routes a provider/model name with a slash on the Gemini path and the OpenAI body', async () => {
    const viaGemini = await geminiClient(setup.gateway.url).models.generateContent({ model: 'openai-mock/gpt-4o', contents: 'hi' });
    expect(viaGemini.text).toBe('Oi!');
    const viaOpenAi = await openAiClient(setup.gateway.url).chat.completions.create({ model: 'gemini-mock/gemini-2.5-flash', messages: [{ role: 'user', content: 'hi' }] });
    expect(viaOpenAi.choices[0].message.content).toBe('Olá!');
    expect(upstream.received.map((request) => request.url)).toEqual(['/v1/chat/completions', '/v1beta/models/gemini-2.5-flash:generateContent']);
  });

  it('streams a JSON array without alt=sse, as Google does', async () => {
    const response = await fetch(`${setup.gateway.url}/v1beta/models/via-chat:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': CLIENT_KEY },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const chunks = JSON.parse(await response.text());
    expect(Array.isArray(chunks)).toBe(true);
    const text = chunks.map((chunk: any) => (chunk.candidates?.[0]?.content?.parts ?? []).map((part: any) => part.text ?? '').join('')).join('');
    expect(text).toBe('Olá!');
    expect(chunks.at(-1).usageMetadata.promptTokenCount).toBeGreaterThan(0);
  });

  it('answers an unknown Gemini method with a Gemini 404', async () => {
    const response = await fetch(`${setup.gateway.url}/v1beta/models/via-gemini:embedContent?key=${CLIENT_KEY}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    expect((await response.json()).error.status).toBe('NOT_FOUND');
  });
});

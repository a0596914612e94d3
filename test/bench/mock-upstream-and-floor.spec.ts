import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFloorProxy } from '../../bench/floor-proxy';
import { startMockUpstream } from '../../bench/mock-upstream';
import { findRepoRoot } from '../../bench/repo-root';
import type { RunningServer } from '../../bench/running-server';
import { readStreamOutcome } from '../../bench/wire/read-stream-outcome';
import { loadWireFixtures } from '../../bench/wire/wire-fixtures';
import { fixtureJson, fixtureText } from '../support/fixtures';

let mock: RunningServer;
let floor: RunningServer;

beforeAll(async () => {
  mock = await startMockUpstream({ fixtures: loadWireFixtures(findRepoRoot()) });
  floor = await startFloorProxy({ upstreamUrl: mock.url });
});

afterAll(async () => {
  await floor?.close();
  await mock?.close();
});

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('mock upstream', () => {
  it('answers each format with its recorded response', async () => {
    const chat = await post(mock.url, '/v1/chat/completions', fixtureJson('openai-chat', 'chat-text.request.json'));
    expect(await chat.text()).toBe(fixtureText('openai-chat', 'chat-text.json'));
    const messages = await post(mock.url, '/v1/messages', fixtureJson('anthropic-messages', 'message-text.request.json'));
    expect(await messages.json()).toEqual(fixtureJson('anthropic-messages', 'message-text.json'));
    const gemini = await post(mock.url, '/v1beta/models/gemini-2.5-flash:generateContent', fixtureJson('gemini', 'generate-content-text.request.json'));
    expect(await gemini.json()).toEqual(fixtureJson('gemini', 'generate-content-text.json'));
  });

  it('streams the number of deltas the model name asks for, spaced as asked', async () => {
    const startedAt = performance.now();
    const response = await post(mock.url, '/v1/messages', { ...fixtureJson<object>('anthropic-messages', 'message-text.request.json'), model: 'mock-c6-i20', stream: true });
    const outcome = readStreamOutcome('messages', await response.text());
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(outcome).toMatchObject({ deltas: 6, terminated: true });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(5 * 20 - 5);
  });

  it('streams Gemini only on the alt=sse endpoint', async () => {
    const body = fixtureJson('gemini', 'generate-content-text.request.json');
    const response = await post(mock.url, '/v1beta/models/mock-c4-i0:streamGenerateContent?alt=sse', body);
    expect(readStreamOutcome('gemini', await response.text())).toMatchObject({ deltas: 4, terminated: true });
    expect((await post(mock.url, '/v1beta/models/mock-c4-i0:streamGenerateContent', body)).status).toBe(404);
  });

  it('rejects a body that is not the format of the endpoint, so a broken translation shows as errors', async () => {
    const response = await post(mock.url, '/v1/messages', fixtureJson('openai-chat', 'chat-text.request.json'));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain('role other than user/assistant');
  });
});

describe('floor proxy', () => {
  it('forwards to the same path and pipes the answer back unchanged', async () => {
    const response = await post(floor.url, '/v1/chat/completions', fixtureJson('openai-chat', 'chat-text.request.json'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(fixtureText('openai-chat', 'chat-text.json'));
  });

  it('pipes a stream through whole', async () => {
    const response = await post(floor.url, '/v1/chat/completions', { ...fixtureJson<object>('openai-chat', 'stream-text.request.json'), model: 'mock-c20-i1' });
    expect(readStreamOutcome('chat', await response.text())).toMatchObject({ deltas: 20, terminated: true });
  });

  it('passes the upstream status through', async () => {
    expect((await post(floor.url, '/v1/messages', { model: 'x', messages: [] })).status).toBe(400);
  });
});

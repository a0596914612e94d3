import { describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from '../../../test/support/fixtures';
import { geminiCodec } from './index';

describe('geminiCodec', () => {
  it('speaks the "gemini" api and wires every direction', () => {
    expect(geminiCodec.api).toBe('gemini');
    const request = geminiCodec.decodeRequest(fixtureJson('gemini', 'generate-content-text.request.json'));
    const body = geminiCodec.encodeRequest({ ...request, model: 'alias' }, 'gemini-2.5-flash');
    expect(body).not.toHaveProperty('model');
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hi in Portuguese' }] }]);
    const response = geminiCodec.decodeResponse(fixtureJson('gemini', 'generate-content-text.json'));
    expect(geminiCodec.encodeResponse(response, 'alias')).toMatchObject({ modelVersion: 'alias', responseId: 'VgCzac2AGLOHz7IP2pOkkAI' });
    expect(geminiCodec.decodeError(429, fixtureText('gemini', 'error-429-resource-exhausted.json'), {})).toMatchObject({ kind: 'rate_limit', retryAfterSeconds: 48 });
    expect(geminiCodec.encodeError({ kind: 'not_found', status: 404, message: 'no such model' })).toEqual({
      status: 404,
      body: { error: { code: 404, message: 'no such model', status: 'NOT_FOUND' } },
    });
  });

  it('creates a fresh stream decoder and encoder per stream', () => {
    const first = geminiCodec.createStreamDecoder();
    expect(first.push({ data: '{"responseId":"a","candidates":[{"content":{"parts":[{"text":"x"}]}}]}' })[0]).toEqual({ type: 'message-start', id: 'a', model: '' });
    expect(geminiCodec.createStreamDecoder().push({ data: '{"responseId":"b"}' })[0]).toEqual({ type: 'message-start', id: 'b', model: '' });
    const encoder = geminiCodec.createStreamEncoder({ model: 'm', framing: 'json-array' });
    expect(encoder.end()).toBe('[]');
  });
});

import { readdir, readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigService } from '../../src/config/config.service';
import type { ProviderConfig } from '../../src/config/plexus-config';
import { DEBUG_TRACE_MAX_CHARS, DebugTraceService } from '../../src/logging/debug-trace.service';
import { SecretMasker } from '../../src/logging/secret-masker';
import { fixtureJson, fixtureText } from '../support/fixtures';
import { testConfig, testConfigService, testSnapshot } from '../support/test-config';

const PROVIDER_KEY = 'AIzaSyD-provider-secret-0123456789';
const ORG_SECRET = 'org-header-secret-5678';
const CLIENT_SECRET = 'plexus-client-secret-abcdef';
const ADMIN_KEY = 'admin-secret-key-9999';
const SECRETS = [PROVIDER_KEY, ORG_SECRET, CLIENT_SECRET, ADMIN_KEY];

const gemini: ProviderConfig = {
  name: 'google',
  enabled: true,
  apiTypes: ['gemini'],
  baseUrls: { gemini: 'https://generativelanguage.googleapis.com/v1beta' },
  auth: { type: 'x-api-key', apiKey: PROVIDER_KEY },
  models: ['gemini-2.5-flash'],
  customHeaders: { 'x-org-token': ORG_SECRET, 'x-title': 'Plexus' },
  extraBody: {},
  cooldown: {},
  timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000 },
};

describe('DebugTraceService', () => {
  let directory: string;
  let configService: ConfigService;
  let service: DebugTraceService;

  function setUp(debug: { enabled?: boolean; captureRequests?: boolean; captureResponses?: boolean } = {}) {
    configService = testConfigService({
      admin: { apiKey: ADMIN_KEY },
      providers: [gemini],
      apiKeys: [{ name: 'team-a', secret: CLIENT_SECRET, enabled: true }],
      logging: { debug: { enabled: true, captureRequests: true, captureResponses: true, storagePath: directory, retentionDays: 7, ...debug } },
    });
    service = new DebugTraceService(configService, new SecretMasker(configService));
  }

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'plexus-debug-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes one file per request with the whole stream text and no secret anywhere', async () => {
    setUp();
    const streamText = fixtureText('gemini', 'stream-text.sse');
    const clientBody = fixtureJson('openai-chat', 'stream-text.request.json');
    clientBody.messages.push({ role: 'user', content: `my key is ${PROVIDER_KEY} and the admin one is "${ADMIN_KEY}"` });
    const trace = service.start('req-42')!;
    trace.clientRequest({ authorization: `Bearer ${CLIENT_SECRET}`, 'content-type': 'application/json', cookie: 'session=abc' }, clientBody);
    trace.upstreamRequest(
      `https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=${PROVIDER_KEY}`,
      new Headers({ 'x-goog-api-key': PROVIDER_KEY, 'x-org-token': ORG_SECRET, 'x-title': 'Plexus', 'content-type': 'application/json' }),
      JSON.stringify(fixtureJson('gemini', 'generate-content-text.request.json')),
    );
    // The stream arrives in arbitrary pieces.
    for (let offset = 0; offset < streamText.length; offset += 97) trace.upstreamResponseChunk(streamText.slice(offset, offset + 97));
    trace.clientResponseChunk('data: {"choices":[{"delta":{"content":"Olá"}}]}\n\n');
    trace.clientResponseChunk('data: [DONE]\n\n');
    trace.finish({ status: 'success', httpStatus: 200 });
    await service.flush();

    const [day] = await readdir(directory);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const raw = await readFile(join(directory, day, 'req-42.json'), 'utf8');
    for (const secret of SECRETS) expect(raw).not.toContain(secret);

    const document = (await service.read('req-42'))!;
    expect(document.upstreamResponse).toBe(streamText);
    expect(document.clientResponse).toBe('data: {"choices":[{"delta":{"content":"Olá"}}]}\n\ndata: [DONE]\n\n');
    expect(document.clientRequest!.headers).toEqual({ authorization: 'Bearer ***', 'content-type': 'application/json', cookie: '***' });
    expect(document.clientRequest!.body).toMatchObject({ model: clientBody.model, stream: true });
    expect(JSON.stringify(document.clientRequest!.body)).toContain('my key is *** and the admin one is \\"***\\"');
    expect(document.upstreamRequests).toHaveLength(1);
    expect(document.upstreamRequests[0].url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=***');
    expect(document.upstreamRequests[0].headers).toEqual({ 'x-goog-api-key': '***', 'x-org-token': '***', 'x-title': 'Plexus', 'content-type': 'application/json' });
    expect(document.upstreamRequests[0].body).toEqual(fixtureJson('gemini', 'generate-content-text.request.json'));
    expect(document.summary).toEqual({ status: 'success', httpStatus: 200 });
    expect(document.truncated).toBeUndefined();
  });

  it('is off when disabled (start returns undefined), switchable at runtime, and follows a config change', () => {
    setUp({ enabled: false });
    expect(service.enabled).toBe(false);
    expect(service.start('a')).toBeUndefined();
    service.setEnabled(true);
    expect(service.start('b')).toBeDefined();

    const debug = configService.config.logging.debug;
    configService.replace(testSnapshot(testConfig({ logging: { debug: { ...debug, enabled: true } } })));
    expect(service.enabled).toBe(true);
    configService.replace(testSnapshot(testConfig({ logging: { debug: { ...debug, enabled: false } } })));
    expect(service.enabled).toBe(false);
    expect(service.start('c')).toBeUndefined();
  });

  it('honours captureRequests and captureResponses', async () => {
    setUp({ captureRequests: false });
    let trace = service.start('no-requests')!;
    trace.clientRequest({ 'content-type': 'application/json' }, { model: 'x' });
    trace.upstreamRequest('https://example.test/v1', {}, '{}');
    trace.upstreamResponseChunk('data: hello\n\n');
    trace.finish();
    setUp({ captureResponses: false });
    trace = service.start('no-responses')!;
    trace.clientRequest({ 'content-type': 'application/json' }, { model: 'x' });
    trace.upstreamResponseChunk('data: hello\n\n');
    trace.clientResponseChunk('data: hello\n\n');
    trace.finish();
    await service.flush();

    const withoutRequests = (await service.read('no-requests'))!;
    expect(withoutRequests.clientRequest).toBeUndefined();
    expect(withoutRequests.upstreamRequests).toEqual([]);
    expect(withoutRequests.upstreamResponse).toBe('data: hello\n\n');
    const withoutResponses = (await service.read('no-responses'))!;
    expect(withoutResponses.clientRequest).toEqual({ headers: { 'content-type': 'application/json' }, body: { model: 'x' } });
    expect(withoutResponses.upstreamResponse).toBeUndefined();
    expect(withoutResponses.clientResponse).toBeUndefined();
  });

  it('caps a trace at about 2 MB with a marker', async () => {
    setUp();
    const trace = service.start('huge')!;
    const chunk = `data: ${'y'.repeat(64 * 1024)}\n\n`;
    for (let index = 0; index < 48; index++) trace.upstreamResponseChunk(chunk);
    trace.finish();
    await service.flush();
    const document = (await service.read('huge'))!;
    expect(document.truncated).toEqual({ limitChars: DEBUG_TRACE_MAX_CHARS, droppedChars: 48 * chunk.length - DEBUG_TRACE_MAX_CHARS });
    expect(document.upstreamResponse!.endsWith(`[plexus: debug trace truncated at ${DEBUG_TRACE_MAX_CHARS} characters]`)).toBe(true);
    const [day] = await readdir(directory);
    expect((await stat(join(directory, day, 'huge.json'))).size).toBeLessThan(2.1 * 1024 * 1024);
  });

  it('reads back nothing for an unknown id and never leaves the folder for a crafted one', async () => {
    setUp();
    expect(await service.read('missing')).toBeUndefined();
    expect(await service.read('../../../etc/passwd')).toBeUndefined();
    const trace = service.start('../escape')!;
    trace.finish();
    await service.flush();
    const [day] = await readdir(directory);
    expect(await readdir(join(directory, day))).toEqual(['__escape.json']);
    expect((await service.read('../escape'))?.requestId).toBe('../escape');
  });
});

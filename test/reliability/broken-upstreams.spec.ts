import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { CooldownErrorType } from '../../src/config/plexus-config';
import { askForText, type TextClient } from '../support/ask-for-text';
import { firstContentText, type Fault, type StreamEnding } from '../support/fault-upstream';
import { expectedAnswer } from '../support/fixture-expectations';
import { fixtureText } from '../support/fixtures';
import { errorRecordsOf, upstreamRequestsInFlight, usageRecordOf } from '../support/gateway-records';
import type { ProviderFormat } from '../support/mock-upstream';
import { useFaultGateway } from '../support/use-fault-gateway';

/**
 * The broken-upstream matrix: each way a provider can break, for the OpenAI and Anthropic SDKs,
 * streamed and not, against a broken provider of the client's own format (bytes forwarded) and
 * of the other format (translated). Before the first byte the client must get the next target's
 * good answer; after it, an error event in its own stream format and a clean end. Either way
 * the right error type is logged, the target cools down, and nothing is left open.
 */

const FORMATS: ProviderFormat[] = ['chat', 'messages'];
const CLIENTS: TextClient[] = ['openai', 'anthropic'];
const MODEL: Record<ProviderFormat, string> = { chat: 'gpt-4o', messages: 'claude-sonnet-4', gemini: 'gemini-2.5-flash' };
/** The good target behind each broken one speaks the other format. */
const OTHER: Record<ProviderFormat, ProviderFormat> = { chat: 'messages', messages: 'chat', gemini: 'chat' };

function brokenUpstreamConfig(upstreamUrl: string, refusedUrl: string) {
  return (config: Record<string, any>): void => {
    const provider = (name: string, format: ProviderFormat, baseUrl: string) => ({
      name,
      apiTypes: [format],
      baseUrls: { [format]: baseUrl },
      auth: { type: format === 'chat' ? 'bearer' : 'x-api-key', apiKey: `sk-test-${name}` },
      models: [MODEL[format]],
      // Short enough to keep the suite fast; the gateway must still end every hang with them.
      timeouts: { firstByteMs: 300, idleMs: 300 },
    });
    config.providers = FORMATS.flatMap((format) => [
      provider(`broken-${format}`, format, `${upstreamUrl}/broken-${format}/v1`),
      provider(`refused-${format}`, format, `${refusedUrl}/v1`),
      provider(`good-${format}`, format, `${upstreamUrl}/good-${format}/v1`),
    ]);
    config.models = FORMATS.flatMap((format) => [
      { alias: `broken-${format}-first`, selector: 'in_order', targets: [{ provider: `broken-${format}`, model: MODEL[format] }, { provider: `good-${OTHER[format]}`, model: MODEL[OTHER[format]] }] },
      { alias: `refused-${format}-first`, selector: 'in_order', targets: [{ provider: `refused-${format}`, model: MODEL[format] }, { provider: `good-${OTHER[format]}`, model: MODEL[OTHER[format]] }] },
      { alias: `good-${format}`, selector: 'in_order', targets: [{ provider: `good-${format}`, model: MODEL[format] }] },
    ]);
  };
}

/** An HTTP-date `seconds` from now (RFC 9110 §5.6.7), whole seconds as the format allows. */
const httpDateIn = (seconds: number): string => new Date(Date.now() + seconds * 1000).toUTCString();

/** A 200 whose body is the provider's error envelope instead of an answer. */
const ERROR_OBJECT: Record<ProviderFormat, string> = {
  chat: fixtureText('openai-responses', 'error-500-server-error.json'),
  messages: fixtureText('anthropic-messages', 'error-529-overloaded.json'),
  gemini: fixtureText('gemini', 'error-500-internal.json'),
};
const RATE_LIMITED: Record<ProviderFormat, string> = {
  chat: fixtureText('openai-chat', 'error-429-rate-limit.json'),
  messages: fixtureText('anthropic-messages', 'error-429-rate-limit.json'),
  gemini: fixtureText('gemini', 'error-429-resource-exhausted.json'),
};

interface BeforeFirstByte {
  name: string;
  /** Which requests the fault applies to. */
  when: 'always' | 'stream' | 'non-stream';
  /** undefined: the broken target's port is closed. */
  fault?: (format: ProviderFormat) => Fault;
  /** Translation plays no part (a size cap): only the forwarded path, to keep the suite fast. */
  forwardedOnly?: boolean;
  type: CooldownErrorType;
  /** Expected cooldown length, when the case is about it. */
  cooldownSeconds?: [min: number, max: number];
}

const BEFORE_FIRST_BYTE: BeforeFirstByte[] = [
  { name: 'connection refused', when: 'always', type: 'connection_error' },
  { name: 'reset before headers', when: 'always', fault: () => ({ mode: 'reset-before-headers' }), type: 'connection_error' },
  { name: 'headers then silence (idle timeout)', when: 'always', fault: () => ({ mode: 'headers-then-silence' }), type: 'timeout' },
  { name: '200 with an HTML body', when: 'always', fault: () => ({ mode: 'body', contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }), type: 'server_error' },
  { name: '200 with an empty body', when: 'always', fault: () => ({ mode: 'body', body: '' }), type: 'server_error' },
  { name: '200 with invalid JSON', when: 'non-stream', fault: () => ({ mode: 'body', body: '{"id":"x","choices":[{"index":0,' }), type: 'server_error' },
  { name: 'an SSE event with invalid JSON', when: 'stream', fault: () => ({ mode: 'body', contentType: 'text/event-stream', body: 'data: {"id":"x","choices":[{"index":0,\n\n' }), type: 'server_error' },
  { name: 'a 200 whose body is an error object', when: 'non-stream', fault: (format) => ({ mode: 'body', body: ERROR_OBJECT[format] }), type: 'server_error' },
  { name: 'a truncated SSE event before any content', when: 'stream', fault: () => ({ mode: 'stream', content: false, ending: 'truncated-event' }), type: 'server_error' },
  { name: 'reset mid-stream before any content', when: 'stream', fault: () => ({ mode: 'stream', content: false, ending: 'reset' }), type: 'connection_error' },
  { name: 'an error event before any content', when: 'stream', fault: () => ({ mode: 'stream', content: false, ending: 'error-event' }), type: 'server_error' },
  { name: 'a gigantic (80 MB) body', when: 'non-stream', forwardedOnly: true, fault: () => ({ mode: 'gigantic', bytes: 80 * 1024 * 1024 }), type: 'server_error' },
  { name: '429 with retry-after in seconds', when: 'always', fault: (format) => ({ mode: 'status', status: 429, body: RATE_LIMITED[format], headers: { 'retry-after': '12' } }), type: 'rate_limit', cooldownSeconds: [12, 12] },
  // An HTTP-date has whole seconds, so 30 s from now is 29 to 30 s away when read (28 on a slow machine).
  { name: '429 with retry-after as an HTTP date', when: 'always', fault: (format) => ({ mode: 'status', status: 429, body: RATE_LIMITED[format], headers: { 'retry-after': httpDateIn(30) } }), type: 'rate_limit', cooldownSeconds: [28, 30] },
];

interface AfterFirstByte {
  name: string;
  ending: StreamEnding;
  /** The error kind the usage record carries, per broken provider format. */
  kind: Record<'chat' | 'messages', string>;
  type: CooldownErrorType;
}

const AFTER_FIRST_BYTE: AfterFirstByte[] = [
  { name: 'reset mid-stream', ending: 'reset', kind: { chat: 'connection_error', messages: 'connection_error' }, type: 'connection_error' },
  { name: 'an SSE stream that never ends (idle timeout)', ending: 'silence', kind: { chat: 'timeout', messages: 'timeout' }, type: 'timeout' },
  { name: 'a stream that errors after some content', ending: 'error-event', kind: { chat: 'server_error', messages: 'overloaded' }, type: 'server_error' },
  { name: 'an error event, then an open connection', ending: 'error-event-then-silence', kind: { chat: 'server_error', messages: 'overloaded' }, type: 'server_error' },
  { name: 'a truncated SSE event', ending: 'truncated-event', kind: { chat: 'server_error', messages: 'server_error' }, type: 'server_error' },
  { name: 'a stream cut short at an event boundary', ending: 'end', kind: { chat: 'server_error', messages: 'server_error' }, type: 'server_error' },
];

/** The Anthropic error type each IR kind reaches an Anthropic client as (docs.anthropic.com/en/api/errors). */
const ANTHROPIC_TYPE: Record<string, string> = { connection_error: 'api_error', timeout: 'timeout_error', server_error: 'api_error', overloaded: 'overloaded_error' };
const PROVIDER_WIDE = new Set<CooldownErrorType>(['connection_error', 'auth_error']);

/** The last event of an SSE body: its `event:` name (if any) and its parsed `data:`. */
function lastSseEvent(wire: string): { event?: string; data: unknown } {
  const events = sseEvents(wire);
  const lines = events[events.length - 1].split(/\r?\n/);
  const name = lines.find((line) => line.startsWith('event:'))?.slice(6).trim();
  const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
  return name === undefined ? { data: JSON.parse(data) } : { event: name, data: JSON.parse(data) };
}

function sseEvents(wire: string): string[] {
  return wire.split(/\r?\n\r?\n/).filter((event) => event.trim() !== '');
}

let sequence = 0;
const nextRequestId = (): string => `broken-${process.pid}-${++sequence}`;

describe('Broken upstreams', () => {
  const env = useFaultGateway(brokenUpstreamConfig);
  const { upstream } = env;
  let lastClient: TextClient = 'openai';
  afterEach(async () => {
    // Nothing left behind (as useFaultGateway checks), and the gateway still serves a normal
    // request from the same client.
    await env.settled();
    upstream.reset();
    const normal = await askForText(lastClient, { gatewayUrl: env.gateway.url, model: 'good-chat', stream: false, requestId: nextRequestId() });
    expect(normal.text).toBe(expectedAnswer('chat', 'text', false).text);
  });

  describe('before the first byte: the client gets the next target\'s answer', () => {
    for (const testCase of BEFORE_FIRST_BYTE) {
      describe(testCase.name, () => {
        for (const client of CLIENTS) {
          for (const format of FORMATS) {
            for (const stream of [false, true]) {
              if ((testCase.when === 'stream' && !stream) || (testCase.when === 'non-stream' && stream)) continue;
              const path = (client === 'openai') === (format === 'chat') ? 'forwarded' : 'translated';
              if (testCase.forwardedOnly && path === 'translated') continue;
              it(`${client} client, ${format} provider (${path}), ${stream ? 'stream' : 'non-stream'}`, async () => {
                lastClient = client;
                const broken = testCase.fault ? `broken-${format}` : `refused-${format}`;
                if (testCase.fault) upstream.inject(broken, testCase.fault(format));
                const requestId = nextRequestId();

                const answer = await askForText(client, { gatewayUrl: env.gateway.url, model: `${broken}-first`, stream, requestId });
                expect(answer.streamError).toBeUndefined();
                expect(answer.text).toBe(expectedAnswer(OTHER[format], 'text', stream).text);
                expect(answer.completed).toBe(true);
                expect(answer.headers.get('x-plexus-attempts')).toBe('2');

                const record = await usageRecordOf(env.gateway, requestId);
                expect(record).toMatchObject({ status: 'success', provider: `good-${OTHER[format]}` });
                expect(record.attempts).toEqual([expect.objectContaining({ provider: broken, errorType: testCase.type })]);
                const errors = await errorRecordsOf(env.gateway, requestId);
                expect(errors).toEqual([expect.objectContaining({ kind: 'attempt', provider: broken, errorType: testCase.type })]);

                const cooldown = env.cooldowns.activeEntry(broken, MODEL[format]);
                expect(cooldown).toMatchObject({ type: testCase.type, model: PROVIDER_WIDE.has(testCase.type) ? null : MODEL[format] });
                if (testCase.cooldownSeconds) {
                  expect(cooldown!.durationSeconds).toBeGreaterThanOrEqual(testCase.cooldownSeconds[0]);
                  expect(cooldown!.durationSeconds).toBeLessThanOrEqual(testCase.cooldownSeconds[1]);
                }
              });
            }
          }
        }
      });
    }
  });

  describe('after the first byte: an error event in the client\'s own stream format, then the end', () => {
    for (const testCase of AFTER_FIRST_BYTE) {
      describe(testCase.name, () => {
        for (const client of CLIENTS) {
          for (const format of ['chat', 'messages'] as const) {
            const path = (client === 'openai') === (format === 'chat') ? 'forwarded' : 'translated';
            it(`${client} client, ${format} provider (${path})`, async () => {
              lastClient = client;
              upstream.inject(`broken-${format}`, { mode: 'stream', content: true, ending: testCase.ending });
              const requestId = nextRequestId();

              const answer = await askForText(client, { gatewayUrl: env.gateway.url, model: `broken-${format}-first`, stream: true, requestId });
              expect(answer.headers.get('x-plexus-provider')).toBe(`broken-${format}`);
              expect(answer.text).toBe(firstContentText(format));
              expect(answer.completed).toBe(false);
              // The SDK raised its own API error from the event: the frame was well-formed in its format.
              if (client === 'openai') {
                expect(answer.streamError).toBeInstanceOf(OpenAI.APIError);
                expect((answer.streamError as InstanceType<typeof OpenAI.APIError>).error).toMatchObject({ type: 'server_error', message: expect.any(String) });
              } else {
                expect(answer.streamError).toBeInstanceOf(Anthropic.APIError);
                expect((answer.streamError as InstanceType<typeof Anthropic.APIError>).type).toBe(ANTHROPIC_TYPE[testCase.kind[format]]);
              }
              expect(upstream.requestsTo(`good-${OTHER[format]}`)).toHaveLength(0);
              // The gateway ended the response, and its last frame is that error in the client's format.
              const wire = await answer.wire;
              expect(sseEvents(wire).filter((event) => /"error"/.test(event))).toHaveLength(1);
              const last = lastSseEvent(wire);
              if (client === 'openai') expect(last).toEqual({ data: { error: expect.objectContaining({ type: 'server_error', message: expect.any(String) }) } });
              else expect(last).toEqual({ event: 'error', data: { type: 'error', error: expect.objectContaining({ type: ANTHROPIC_TYPE[testCase.kind[format]] }) } });

              const record = await usageRecordOf(env.gateway, requestId);
              expect(record).toMatchObject({ status: 'error', httpStatus: 200, provider: `broken-${format}`, error: { type: testCase.kind[format] } });
              const errors = await errorRecordsOf(env.gateway, requestId);
              expect(errors).toEqual([expect.objectContaining({ kind: 'request', provider: `broken-${format}`, errorType: testCase.kind[format] })]);

              // A provider that breaks mid-answer rests like one that breaks before it.
              expect(env.cooldowns.activeEntry(`broken-${format}`, MODEL[format])).toMatchObject({ type: testCase.type });
            });
          }
        }
      });
    }
  });

  describe('after the whole matrix', () => {
    it('holds no more upstream connections than its keep-alive pools need', () => {
      // Four mock-backed providers, each reusing its idle keep-alive connections; a leak would
      // leave one socket per broken answer (about a hundred by now).
      expect(upstream.openSockets.size).toBeLessThanOrEqual(8);
      expect(upstreamRequestsInFlight(env.gateway)).toBe(0);
    });
  });
});

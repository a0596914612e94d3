import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CooldownErrorType } from '../../src/config/plexus-config';
import { CooldownService } from '../../src/resilience/cooldown.service';
import { askForText, type TextClient } from '../support/ask-for-text';
import type { Fault } from '../support/fault-upstream';
import { expectedAnswer } from '../support/fixture-expectations';
import { fixtureText } from '../support/fixtures';
import { errorRecordsOf, usageRecordOf, waitFor } from '../support/gateway-records';
import type { ProviderFormat } from '../support/mock-upstream';
import { restartTestGateway } from '../support/restart-test-gateway';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway';
import { useFaultGateway } from '../support/use-fault-gateway';

/**
 * Failover end to end: the real server, the official SDKs, and providers on a mock that fail in
 * each way a real one does. Every alias has two targets on different providers and formats, so
 * each failover also crosses formats.
 */

interface Target {
  provider: string;
  model: string;
  format: ProviderFormat;
  /** Path prefix of this provider on the mock (its faults are injected there). */
  prefix: string;
}

const CHAT_PRIMARY: Target = { provider: 'chat-primary', model: 'gpt-4o', format: 'chat', prefix: 'chat-primary' };
const MESSAGES_PRIMARY: Target = { provider: 'messages-primary', model: 'claude-sonnet-4', format: 'messages', prefix: 'messages-primary' };
const CHAT_BACKUP: Target = { provider: 'chat-backup', model: 'gpt-4o', format: 'chat', prefix: 'chat-backup' };
const MESSAGES_BACKUP: Target = { provider: 'messages-backup', model: 'claude-sonnet-4', format: 'messages', prefix: 'messages-backup' };
/** Its baseUrl is a closed port: every call is refused. */
const REFUSED: Target = { provider: 'refused', model: 'gpt-4o', format: 'chat', prefix: 'refused' };
/** A provider with a 1 s server_error base, to watch doubling within the test's time. */
const FLAKY: Target = { provider: 'flaky', model: 'gpt-4o', format: 'chat', prefix: 'flaky' };

const ROUTES = {
  'chat-then-messages': [CHAT_PRIMARY, MESSAGES_BACKUP],
  'messages-then-chat': [MESSAGES_PRIMARY, CHAT_BACKUP],
  'refused-then-messages': [REFUSED, MESSAGES_BACKUP],
  'flaky-then-messages': [FLAKY, MESSAGES_BACKUP],
  'both-primaries': [CHAT_PRIMARY, MESSAGES_PRIMARY],
} as const;
type AliasName = keyof typeof ROUTES;

/** Failover config: short timeouts (the suite must stay fast) and a 1 s cooldown floor. */
function failoverConfig(upstreamUrl: string, refusedUrl: string) {
  return (config: Record<string, any>): void => {
    const provider = (target: Target, baseUrl: string, extra: Record<string, unknown> = {}) => ({
      name: target.provider,
      apiTypes: [target.format],
      baseUrls: { [target.format]: baseUrl },
      auth: { type: target.format === 'chat' ? 'bearer' : 'x-api-key', apiKey: `sk-test-${target.provider}` },
      models: [target.model],
      timeouts: { firstByteMs: 300, idleMs: 300 },
      ...extra,
    });
    const onMock = (target: Target) => `${upstreamUrl}/${target.prefix}/v1`;
    config.providers = [
      provider(CHAT_PRIMARY, onMock(CHAT_PRIMARY)),
      provider(MESSAGES_PRIMARY, onMock(MESSAGES_PRIMARY)),
      provider(CHAT_BACKUP, onMock(CHAT_BACKUP)),
      provider(MESSAGES_BACKUP, onMock(MESSAGES_BACKUP)),
      provider(REFUSED, `${refusedUrl}/v1`),
      provider(FLAKY, onMock(FLAKY), { cooldown: { server_error: 1 } }),
    ];
    config.models = Object.entries(ROUTES).map(([alias, targets]) => ({
      alias,
      selector: 'in_order',
      targets: targets.map((target) => ({ provider: target.provider, model: target.model })),
    }));
    config.resilience.cooldown.minDuration = 1;
  };
}

const status = (code: number, body: string, headers: Record<string, string> = {}): Fault => ({ mode: 'status', status: code, body, headers });
const OPENAI_429 = fixtureText('openai-chat', 'error-429-rate-limit.json');
const OPENAI_500 = fixtureText('openai-responses', 'error-500-server-error.json');
const OPENAI_400 = fixtureText('openai-chat', 'error-400-invalid-request.json');
const ANTHROPIC_429 = fixtureText('anthropic-messages', 'error-429-rate-limit.json');
const ANTHROPIC_529 = fixtureText('anthropic-messages', 'error-529-overloaded.json');
const ANTHROPIC_400 = fixtureText('anthropic-messages', 'error-400-invalid-request.json');

interface FailoverCase {
  fault: string;
  client: TextClient;
  alias: AliasName;
  /** undefined: the primary's port is closed. */
  inject?: Fault;
  type: CooldownErrorType;
  /** auth and connection errors rest the whole provider (entry model null). */
  providerWide: boolean;
  cooldownSeconds: number;
  upstreamStatus?: number;
}

/** Defaults of resilience.cooldown.defaults: rate_limit 60, timeout/server_error/connection_error 30. */
const FAILOVER_CASES: FailoverCase[] = [
  { fault: '429 with retry-after: 7', client: 'openai', alias: 'chat-then-messages', inject: status(429, OPENAI_429, { 'retry-after': '7' }), type: 'rate_limit', providerWide: false, cooldownSeconds: 7, upstreamStatus: 429 },
  { fault: '429 without retry-after', client: 'anthropic', alias: 'messages-then-chat', inject: status(429, ANTHROPIC_429), type: 'rate_limit', providerWide: false, cooldownSeconds: 60, upstreamStatus: 429 },
  { fault: '500', client: 'openai', alias: 'chat-then-messages', inject: status(500, OPENAI_500), type: 'server_error', providerWide: false, cooldownSeconds: 30, upstreamStatus: 500 },
  { fault: '529 overloaded', client: 'anthropic', alias: 'messages-then-chat', inject: status(529, ANTHROPIC_529), type: 'server_error', providerWide: false, cooldownSeconds: 30, upstreamStatus: 529 },
  { fault: 'a hang past firstByteMs', client: 'openai', alias: 'chat-then-messages', inject: { mode: 'hang' }, type: 'timeout', providerWide: false, cooldownSeconds: 30 },
  { fault: 'a hang past firstByteMs', client: 'anthropic', alias: 'messages-then-chat', inject: { mode: 'hang' }, type: 'timeout', providerWide: false, cooldownSeconds: 30 },
  { fault: 'a refused port', client: 'openai', alias: 'refused-then-messages', type: 'connection_error', providerWide: true, cooldownSeconds: 30 },
  { fault: 'a connection reset', client: 'anthropic', alias: 'messages-then-chat', inject: { mode: 'reset-before-headers' }, type: 'connection_error', providerWide: true, cooldownSeconds: 30 },
];

let sequence = 0;
const nextRequestId = (): string => `failover-${process.pid}-${++sequence}`;

describe('Failover and cooldowns', () => {
  const env = useFaultGateway(failoverConfig);
  const { upstream } = env;

  const ask = (client: TextClient, alias: string, stream: boolean, requestId = nextRequestId()) =>
    askForText(client, { gatewayUrl: env.gateway.url, model: alias, stream, requestId });

  describe('a failing first target fails over to the second, across formats', () => {
    for (const testCase of FAILOVER_CASES) {
      for (const stream of [false, true]) {
        const [primary, backup] = ROUTES[testCase.alias];
        it(`${testCase.fault}: ${testCase.client} client, ${stream ? 'stream' : 'non-stream'}`, async () => {
          if (testCase.inject) upstream.inject(primary.prefix, testCase.inject);
          const requestId = nextRequestId();

          const answer = await ask(testCase.client, testCase.alias, stream, requestId);
          expect(answer.text).toBe(expectedAnswer(backup.format, 'text', stream).text);
          expect(answer.completed).toBe(true);
          expect(answer.headers.get('x-plexus-attempts')).toBe('2');
          expect(answer.headers.get('x-plexus-provider')).toBe(backup.provider);

          expect(env.cooldowns.activeEntry(primary.provider, primary.model)).toMatchObject({
            type: testCase.type,
            model: testCase.providerWide ? null : primary.model,
            durationSeconds: testCase.cooldownSeconds,
            consecutiveFailures: 1,
          });
          expect(env.cooldowns.isCoolingDown(backup.provider, backup.model)).toBe(false);

          const failedAttempt = { provider: primary.provider, model: primary.model, errorType: testCase.type, ...(testCase.upstreamStatus ? { status: testCase.upstreamStatus } : {}) };
          const record = await usageRecordOf(env.gateway, requestId);
          expect(record).toMatchObject({ status: 'success', httpStatus: 200, provider: backup.provider, targetModel: backup.model, streamed: stream, translated: true });
          expect(record.attempts).toEqual([expect.objectContaining(failedAttempt)]);
          if (!testCase.upstreamStatus) expect(record.attempts[0].status).toBeUndefined();
          const errors = await errorRecordsOf(env.gateway, requestId);
          expect(errors).toEqual([expect.objectContaining({ kind: 'attempt', ...failedAttempt })]);

          // The next request skips the resting target: the mock sees no second call to it.
          const primaryCalls = upstream.requestsTo(primary.prefix).length;
          expect(primaryCalls).toBe(testCase.inject ? 1 : 0);
          const again = await ask(testCase.client, testCase.alias, stream);
          expect(again.text).toBe(expectedAnswer(backup.format, 'text', stream).text);
          expect(again.headers.get('x-plexus-attempts')).toBe('1');
          expect(upstream.requestsTo(primary.prefix)).toHaveLength(primaryCalls);
        });
      }
    }

    it('consecutive failures double the cooldown (base 1 s, then 2 s)', async () => {
      upstream.inject(FLAKY.prefix, status(500, OPENAI_500));
      await ask('openai', 'flaky-then-messages', false);
      expect(env.cooldowns.activeEntry(FLAKY.provider, FLAKY.model)).toMatchObject({ type: 'server_error', durationSeconds: 1, consecutiveFailures: 1 });

      await waitFor(() => !env.cooldowns.isCoolingDown(FLAKY.provider, FLAKY.model), 'the first cooldown to run out', 2500);
      const answer = await ask('openai', 'flaky-then-messages', false);
      expect(answer.headers.get('x-plexus-attempts')).toBe('2');
      expect(env.cooldowns.activeEntry(FLAKY.provider, FLAKY.model)).toMatchObject({ type: 'server_error', durationSeconds: 2, consecutiveFailures: 2 });
      expect(upstream.requestsTo(FLAKY.prefix)).toHaveLength(2);
    });

    it('a retry-after below minDuration is raised to minDuration', async () => {
      upstream.inject(CHAT_PRIMARY.prefix, status(429, OPENAI_429, { 'retry-after': '0' }));
      await ask('openai', 'chat-then-messages', false);
      expect(env.cooldowns.activeEntry(CHAT_PRIMARY.provider, CHAT_PRIMARY.model)).toMatchObject({ type: 'rate_limit', durationSeconds: 1 });
    });
  });

  describe('a client mistake (400 from the provider) is answered, not failed over or cooled down', () => {
    const cases: Array<{ client: TextClient; alias: AliasName; body: string; message: string }> = [
      { client: 'openai', alias: 'chat-then-messages', body: OPENAI_400, message: JSON.parse(OPENAI_400).error.message },
      { client: 'anthropic', alias: 'chat-then-messages', body: OPENAI_400, message: JSON.parse(OPENAI_400).error.message },
      { client: 'openai', alias: 'messages-then-chat', body: ANTHROPIC_400, message: JSON.parse(ANTHROPIC_400).error.message },
      { client: 'anthropic', alias: 'messages-then-chat', body: ANTHROPIC_400, message: JSON.parse(ANTHROPIC_400).error.message },
    ];
    for (const { client, alias, body, message } of cases) {
      for (const stream of [false, true]) {
        const [primary, backup] = ROUTES[alias];
        it(`${primary.format} provider's 400 → ${client} client, ${stream ? 'stream' : 'non-stream'}`, async () => {
          upstream.inject(primary.prefix, status(400, body));
          const requestId = nextRequestId();
          const error: any = await ask(client, alias, stream, requestId).catch((thrown: unknown) => thrown);
          expect(error?.status).toBe(400);
          if (client === 'openai') {
            expect(error.error).toMatchObject({ message, type: 'invalid_request_error' });
          } else {
            expect(error.error).toEqual({ type: 'error', error: { type: 'invalid_request_error', message } });
          }
          expect(upstream.requestsTo(primary.prefix)).toHaveLength(1);
          expect(upstream.requestsTo(backup.prefix)).toHaveLength(0);
          expect(env.cooldowns.list()).toEqual([]);
          const record = await usageRecordOf(env.gateway, requestId);
          expect(record).toMatchObject({ status: 'error', httpStatus: 400, provider: primary.provider, error: { type: 'invalid_request' } });
        });
      }
    }
  });

  describe('when every target fails, the client gets the last error in its own envelope', () => {
    const listsBothAttempts = (message: string, type: string): void => {
      expect(message).toContain(`chat-primary/gpt-4o: ${type}`);
      expect(message).toContain(`messages-primary/claude-sonnet-4: ${type}`);
    };

    for (const client of ['openai', 'anthropic'] as const) {
      it(`429 stays 429 with the last retry-after (${client} client)`, async () => {
        upstream.inject(CHAT_PRIMARY.prefix, status(429, OPENAI_429, { 'retry-after': '9' }));
        upstream.inject(MESSAGES_PRIMARY.prefix, status(429, ANTHROPIC_429, { 'retry-after': '11' }));
        const requestId = nextRequestId();
        const error: any = await ask(client, 'both-primaries', false, requestId).catch((thrown: unknown) => thrown);
        expect(error?.status).toBe(429);
        expect(error.headers.get('retry-after')).toBe('11');
        expect(error.headers.get('x-plexus-attempts')).toBe('2');
        expect(client === 'openai' ? error.error.type : error.error.error.type).toBe(client === 'openai' ? 'rate_limit_exceeded' : 'rate_limit_error');
        listsBothAttempts(client === 'openai' ? error.error.message : error.error.error.message, 'rate_limit 429');
        const record = await usageRecordOf(env.gateway, requestId);
        expect(record).toMatchObject({ status: 'error', httpStatus: 429 });
        expect(record.attempts.map((attempt) => attempt.errorType)).toEqual(['rate_limit', 'rate_limit']);
      });

      it(`a connection reset on both → 502 (${client} client)`, async () => {
        upstream.inject(CHAT_PRIMARY.prefix, { mode: 'reset-before-headers' });
        upstream.inject(MESSAGES_PRIMARY.prefix, { mode: 'reset-before-headers' });
        const error: any = await ask(client, 'both-primaries', true).catch((thrown: unknown) => thrown);
        expect(error?.status).toBe(502);
        listsBothAttempts(client === 'openai' ? error.error.message : error.error.error.message, 'connection_error');
        if (client === 'anthropic') expect(error.error.error.type).toBe('api_error');
      });

      it(`a hang on both → 504 (${client} client)`, async () => {
        upstream.inject(CHAT_PRIMARY.prefix, { mode: 'hang' });
        upstream.inject(MESSAGES_PRIMARY.prefix, { mode: 'hang' });
        const requestId = nextRequestId();
        const error: any = await ask(client, 'both-primaries', false, requestId).catch((thrown: unknown) => thrown);
        expect(error?.status).toBe(504);
        listsBothAttempts(client === 'openai' ? error.error.message : error.error.error.message, 'timeout');
        if (client === 'anthropic') expect(error.error.error.type).toBe('timeout_error');
        const record = await usageRecordOf(env.gateway, requestId);
        expect(record.attempts.map((attempt) => attempt.errorType)).toEqual(['timeout', 'timeout']);
      });
    }

    it('server errors on both → 502 (openai client)', async () => {
      upstream.inject(CHAT_PRIMARY.prefix, status(500, OPENAI_500));
      upstream.inject(MESSAGES_PRIMARY.prefix, status(529, ANTHROPIC_529));
      const error: any = await ask('openai', 'both-primaries', false).catch((thrown: unknown) => thrown);
      expect(error?.status).toBe(502);
      expect(error.error.message).toContain('chat-primary/gpt-4o: server_error 500');
      expect(error.error.message).toContain('messages-primary/claude-sonnet-4: server_error 529');
    });
  });

  describe('when every target is cooling down', () => {
    for (const client of ['openai', 'anthropic'] as const) {
      it(`the next request gets a 5xx with retry-after and reaches no provider (${client} client)`, async () => {
        upstream.inject(CHAT_PRIMARY.prefix, status(500, OPENAI_500));
        upstream.inject(MESSAGES_PRIMARY.prefix, status(429, ANTHROPIC_429, { 'retry-after': '20' }));
        await ask(client, 'both-primaries', false).catch(() => undefined);
        expect(upstream.received).toHaveLength(2);

        const error: any = await ask(client, 'both-primaries', false).catch((thrown: unknown) => thrown);
        // The soonest target back is messages-primary (20 s, vs 30 s for the server error).
        expect(Number(error.headers.get('retry-after'))).toBeGreaterThanOrEqual(18);
        expect(Number(error.headers.get('retry-after'))).toBeLessThanOrEqual(20);
        expect(error.headers.get('x-plexus-attempts')).toBe('0');
        const message = client === 'openai' ? error.error.message : error.error.error.message;
        expect(message).toMatch(/every target of model "both-primaries" is cooling down/);
        if (client === 'openai') expect(error.status).toBe(503);
        else expect(error.status).toBeGreaterThanOrEqual(500);
        expect(upstream.received).toHaveLength(2);
      });
    }
  });

  describe('cooldowns survive a restart', () => {
    let own: TestGateway | undefined;
    afterAll(async () => {
      await own?.stop();
    });

    it('a restarted gateway still skips the resting target', async () => {
      own = await startTestGateway(upstream.url, failoverConfig(upstream.url, env.refusedUrl));
      upstream.inject(CHAT_PRIMARY.prefix, status(429, OPENAI_429, { 'retry-after': '40' }));
      await askForText('openai', { gatewayUrl: own.url, model: 'chat-then-messages', stream: false, requestId: nextRequestId() });
      const before = own.app.get(CooldownService).activeEntry(CHAT_PRIMARY.provider, CHAT_PRIMARY.model);
      expect(before).toMatchObject({ type: 'rate_limit', durationSeconds: 40 });

      own = await restartTestGateway(own);
      const saved = JSON.parse(readFileSync(join(own.dataDir, 'cooldowns.json'), 'utf8'));
      expect(saved.entries).toEqual([expect.objectContaining({ provider: CHAT_PRIMARY.provider, model: CHAT_PRIMARY.model, until: before!.until })]);
      const after = own.app.get(CooldownService).activeEntry(CHAT_PRIMARY.provider, CHAT_PRIMARY.model);
      expect(after).toMatchObject({ type: 'rate_limit', until: before!.until, durationSeconds: 40, consecutiveFailures: 1 });

      upstream.reset();
      const answer = await askForText('openai', { gatewayUrl: own.url, model: 'chat-then-messages', stream: false, requestId: nextRequestId() });
      expect(answer.headers.get('x-plexus-provider')).toBe(MESSAGES_BACKUP.provider);
      expect(answer.headers.get('x-plexus-attempts')).toBe('1');
      expect(upstream.requestsTo(CHAT_PRIMARY.prefix)).toHaveLength(0);
    });
  });
});

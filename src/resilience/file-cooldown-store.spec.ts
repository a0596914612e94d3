import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBusService } from '../events/event-bus.service';
import { testConfigService } from '../../test/support/test-config';
import { ManualClock } from '../../test/routing/manual-clock';
import { providerConfig } from '../../test/routing/provider-config';
import { COOLDOWN_SAVE_DEBOUNCE_MS, CooldownService } from './cooldown.service';
import { FileCooldownStore } from './file-cooldown-store';

let directory: string;
let storagePath: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'plexus-cooldowns-'));
  storagePath = join(directory, 'state', 'cooldowns.json');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(directory, { recursive: true, force: true });
});

function start(clock: ManualClock) {
  const configService = testConfigService({
    providers: [providerConfig('openai'), providerConfig('anthropic')],
    resilience: { cooldown: { storagePath } },
  });
  const store = new FileCooldownStore(configService);
  const cooldowns = new CooldownService(configService, new EventBusService(), clock, store);
  return { cooldowns, store };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cooldown persistence in a JSON file', () => {
  it('survives a restart: active cooldowns and their failure counts come back, expired ones do not', async () => {
    const clock = new ManualClock();
    const first = start(clock);
    await first.cooldowns.onModuleInit();
    first.cooldowns.recordFailure('openai', 'gpt-4o', 'auth_error');
    first.cooldowns.recordFailure('anthropic', 'claude', 'server_error');
    clock.advanceSeconds(30);
    first.cooldowns.recordFailure('anthropic', 'claude', 'server_error'); // second in a row: 60 s
    await first.cooldowns.onModuleDestroy();

    clock.advanceSeconds(100); // t = 130 s: the auth cooldown (300 s) runs on, the 60 s one ended at 90 s
    const second = start(clock);
    await second.cooldowns.onModuleInit();
    expect(second.cooldowns.list()).toMatchObject([{ provider: 'openai', model: null, type: 'auth_error', seconds: 170 }]);
    expect(second.cooldowns.isCoolingDown('openai', 'gpt-4o-mini')).toBe(true);
    expect(second.cooldowns.isCoolingDown('anthropic', 'claude')).toBe(false);

    clock.advanceSeconds(170);
    // the restored count still doubles the next auth failure
    expect(second.cooldowns.recordFailure('openai', 'gpt-4o', 'auth_error').durationSeconds).toBe(600);
    await second.cooldowns.onModuleDestroy();
  });

  it('writes a burst of failures once, after the debounce delay, atomically', async () => {
    const { cooldowns, store } = start(new ManualClock());
    await cooldowns.onModuleInit();
    const save = vi.spyOn(store, 'save');
    for (let index = 0; index < 20; index++) cooldowns.recordFailure('openai', `model-${index}`, 'server_error');
    expect(save).not.toHaveBeenCalled();
    await sleep(COOLDOWN_SAVE_DEBOUNCE_MS * 2);
    expect(save).toHaveBeenCalledTimes(1);
    const file = JSON.parse(await readFile(storagePath, 'utf8'));
    expect(file.entries).toHaveLength(20);
    expect(await readdir(join(directory, 'state'))).toEqual(['cooldowns.json']);
    await cooldowns.onModuleDestroy();
  });

  it.each([
    ['not JSON', '{"entries": [ {"provider": '],
    ['the wrong shape', '{"cooldowns": 3}'],
    ['empty', ''],
  ])('starts without cooldowns when the file is %s, and logs it', async (_case, content) => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { cooldowns } = start(new ManualClock());
    await writeFile(join(await mkdirState(), 'cooldowns.json'), content);
    await expect(cooldowns.onModuleInit()).resolves.toBeUndefined();
    expect(cooldowns.list()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(storagePath));
    // the next failure replaces the bad file with a good one
    cooldowns.recordFailure('openai', 'gpt-4o', 'timeout');
    await cooldowns.onModuleDestroy();
    expect(JSON.parse(await readFile(storagePath, 'utf8')).entries).toHaveLength(1);
  });

  it('skips malformed entries but keeps the good ones', async () => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const clock = new ManualClock();
    const until = new Date(clock.now() + 60_000).toISOString();
    const good = { provider: 'openai', model: 'gpt-4o', type: 'rate_limit', startedAt: new Date(clock.now()).toISOString(), until, seconds: 60, durationSeconds: 60, consecutiveFailures: 1, reason: 'rate limited' };
    await writeFile(join(await mkdirState(), 'cooldowns.json'), JSON.stringify({ version: 1, entries: [good, { ...good, type: 'bogus' }, { provider: 'x' }] }));
    const { cooldowns } = start(clock);
    await cooldowns.onModuleInit();
    expect(cooldowns.list()).toEqual([good]);
  });
});

async function mkdirState(): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  const state = join(directory, 'state');
  await mkdir(state, { recursive: true });
  return state;
}

import { describe, expect, it } from 'vitest';
import type { PlexusConfig } from '../config/plexus-config';
import { EventBusService } from '../events/event-bus.service';
import { ModelCatalogService } from '../models/model-catalog.service';
import { PriceEstimator } from '../pricing/price-estimator';
import { CooldownStore } from '../resilience/cooldown-store';
import { CooldownService } from '../resilience/cooldown.service';
import type { IrApi } from '../wire/ir';
import { testConfigService } from '../../test/support/test-config';
import { ManualClock } from '../../test/routing/manual-clock';
import { aliasConfig, keylessProvider, providerConfig } from '../../test/routing/provider-config';
import { SeededRandom } from '../../test/routing/seeded-random';
import type { RoutePlan, RouteRequest } from './route-plan';
import { RoutingError } from './routing-error';
import { RoutingService } from './routing.service';
import { CostSelector } from './selectors/cost-selector';
import { InOrderSelector } from './selectors/in-order-selector';
import { RandomSelector } from './selectors/random-selector';

class NullStore extends CooldownStore {
  async load() {
    return [];
  }
  async save() {}
}

class PerProviderPrices extends PriceEstimator {
  estimateCostUsd(providerName: string): number | undefined {
    return { openai: 3, anthropic: 1 }[providerName];
  }
}

const providers = [
  providerConfig('openai', { apiTypes: ['chat'], models: ['gpt-4o'] }),
  providerConfig('anthropic', { apiTypes: ['messages', 'chat'], models: ['claude-sonnet-4'] }),
  providerConfig('google', { apiTypes: ['gemini'], models: ['gemini-2.5-pro'] }),
  providerConfig('retired', { enabled: false }),
  keylessProvider('mistral', 'MISTRAL_API_KEY', { models: ['mistral-large'] }),
];

function setup(models: PlexusConfig['models']) {
  const configService = testConfigService({ providers, models });
  const clock = new ManualClock();
  const cooldowns = new CooldownService(configService, new EventBusService(), clock, new NullStore());
  const routing = new RoutingService(new ModelCatalogService(configService), cooldowns, [
    new InOrderSelector(),
    new RandomSelector(new SeededRandom(1)),
    new CostSelector(new PerProviderPrices()),
  ]);
  const plan = (requestedModel: string, clientApi: IrApi = 'chat') =>
    routing.plan({ requestedModel, clientApi, estimatedInputTokens: 100 } satisfies RouteRequest);
  return { plan, cooldowns, clock };
}

const route = (plan: RoutePlan) => plan.targets.map((target) => `${target.provider.name}/${target.model}@${target.providerApi}`);

function routingError(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(RoutingError);
    return (error as RoutingError).irError;
  }
  throw new Error('expected a RoutingError');
}

const everything = aliasConfig('all', [
  ['retired', 'old'],
  ['openai', 'gpt-4o'],
  ['mistral', 'mistral-large'],
  ['anthropic', 'claude-sonnet-4'],
  ['google', 'gemini-2.5-pro'],
], { additionalAliases: ['everything'] });

describe('RoutingService.plan for aliases', () => {
  it('keeps enabled targets with a key, in selector order, speaking the client format when offered', () => {
    const { plan } = setup([everything]);
    const result = plan('everything', 'messages');
    expect(result.alias).toBe('all');
    expect(result.passthrough).toBe(false);
    expect(route(result)).toEqual(['openai/gpt-4o@chat', 'anthropic/claude-sonnet-4@messages', 'google/gemini-2.5-pro@gemini']);
    expect(route(plan('all', 'chat'))).toEqual(['openai/gpt-4o@chat', 'anthropic/claude-sonnet-4@chat', 'google/gemini-2.5-pro@gemini']);
  });

  it("uses the alias's selector", () => {
    const { plan } = setup([aliasConfig('cheap', [['openai', 'gpt-4o'], ['anthropic', 'claude-sonnet-4']], { selector: 'cost' })]);
    expect(route(plan('cheap'))).toEqual(['anthropic/claude-sonnet-4@chat', 'openai/gpt-4o@chat']);
  });

  it('with apiMatch keeps only providers that speak the client format', () => {
    const { plan } = setup([{ ...everything, apiMatch: true }]);
    expect(route(plan('all', 'messages'))).toEqual(['anthropic/claude-sonnet-4@messages']);
    expect(route(plan('all', 'gemini'))).toEqual(['google/gemini-2.5-pro@gemini']);
  });

  it('with apiMatch and no provider speaking the client format, says so with 400', () => {
    const { plan } = setup([aliasConfig('gpt', [['openai', 'gpt-4o']], { apiMatch: true })]);
    const error = routingError(() => plan('gpt', 'gemini'));
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400 });
    expect(error.message).toContain('apiMatch');
    expect(error.message).toContain('"gemini"');
    expect(error.message).toContain('openai (chat)');
  });

  it('leaves cooling targets out', () => {
    const { plan, cooldowns } = setup([everything]);
    cooldowns.recordFailure('openai', 'gpt-4o', 'rate_limit');
    cooldowns.recordFailure('google', 'other-model', 'auth_error'); // provider-wide
    expect(route(plan('all'))).toEqual(['anthropic/claude-sonnet-4@chat']);
  });

  it('answers 503 with the earliest retry time and every reason when all targets are cooling down', () => {
    const { plan, cooldowns, clock } = setup([aliasConfig('pair', [['openai', 'gpt-4o'], ['anthropic', 'claude-sonnet-4']])]);
    cooldowns.recordFailure('openai', 'gpt-4o', 'rate_limit', 120);
    cooldowns.recordFailure('anthropic', 'claude-sonnet-4', 'connection_error');
    clock.advanceSeconds(10);
    const error = routingError(() => plan('pair'));
    expect(error).toMatchObject({ kind: 'overloaded', status: 503, retryAfterSeconds: 20 });
    expect(error.message).toContain('openai/gpt-4o: rate limited by the provider (rate_limit, 110 s left)');
    expect(error.message).toContain('anthropic/claude-sonnet-4: could not connect to the provider (connection_error, whole provider, 20 s left)');
    clock.advanceSeconds(20);
    expect(route(plan('pair'))).toEqual(['anthropic/claude-sonnet-4@chat']);
  });

  it('answers 503 naming the unset key variable when no target is usable', () => {
    const { plan } = setup([aliasConfig('m', [['mistral', 'mistral-large'], ['retired', 'old']])]);
    const error = routingError(() => plan('m'));
    expect(error).toMatchObject({ kind: 'gateway_error', status: 503 });
    expect(error.message).toContain('provider "mistral": MISTRAL_API_KEY is not set');
    expect(error.message).toContain('provider "retired" is disabled');
  });

  it('answers 404 for an unknown model, pointing at GET /v1/models', () => {
    const { plan } = setup([everything]);
    const error = routingError(() => plan('gpt-7'));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(error.message).toContain('"gpt-7"');
    expect(error.message).toContain('GET /v1/models lists the available models');
  });
});

describe('RoutingService.plan for provider/model passthrough', () => {
  it('goes straight to the one target, even while it cools down', () => {
    const { plan, cooldowns } = setup([]);
    cooldowns.recordFailure('anthropic', 'claude-sonnet-4', 'server_error');
    const result = plan('models/anthropic/claude-sonnet-4', 'messages');
    expect(result.passthrough).toBe(true);
    expect(result.alias).toBeUndefined();
    expect(route(result)).toEqual(['anthropic/claude-sonnet-4@messages']);
  });

  it('fails with 404 for an unlisted model and 503 for an unset key', () => {
    const { plan } = setup([]);
    expect(routingError(() => plan('openai/gpt-5'))).toMatchObject({ status: 404, message: expect.stringContaining('does not list model "gpt-5"') });
    expect(routingError(() => plan('mistral/mistral-large'))).toMatchObject({ status: 503, message: 'provider "mistral": MISTRAL_API_KEY is not set' });
  });
});

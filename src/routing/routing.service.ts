import { Inject, Injectable } from '@nestjs/common';
import type { ModelAliasConfig, ProviderConfig, SelectorName } from '../config/plexus-config';
import { describeMissingKey } from '../models/describe-missing-key';
import { ModelCatalogService } from '../models/model-catalog.service';
import { CooldownService } from '../resilience/cooldown.service';
import { chooseProviderApi } from './choose-provider-api';
import type { RouteCandidate, RoutePlan, RouteRequest } from './route-plan';
import { RoutingError } from './routing-error';
import { TARGET_SELECTORS, TargetSelector } from './target-selector';

interface ConfiguredTarget {
  provider: ProviderConfig | undefined;
  providerName: string;
  model: string;
  weight: number;
}

/**
 * Step 3 of the request path: the model name → every target to try, in order. Aliases go
 * through filtering (apiMatch, enabled with a key, not cooling down) and their selector;
 * `provider/model` passthrough goes straight to its one target.
 */
@Injectable()
export class RoutingService {
  private readonly selectors: Map<SelectorName, TargetSelector>;

  constructor(
    private readonly catalog: ModelCatalogService,
    private readonly cooldowns: CooldownService,
    @Inject(TARGET_SELECTORS) selectors: TargetSelector[],
  ) {
    this.selectors = new Map(selectors.map((selector) => [selector.name, selector]));
  }

  /** Throws RoutingError when there is nothing to try; its `irError` is the answer for the client. */
  plan(request: RouteRequest): RoutePlan {
    const resolution = this.catalog.resolve(request.requestedModel);
    if (resolution.kind === 'error') throw new RoutingError(resolution.error);
    if (resolution.kind === 'passthrough') {
      const { provider, model } = resolution;
      return { passthrough: true, targets: [{ provider, model, providerApi: chooseProviderApi(provider, request.clientApi) }] };
    }
    const alias = resolution.alias;
    const candidates = this.candidates(alias, request);
    const selector = this.selectors.get(alias.selector);
    if (!selector) {
      throw new RoutingError({ kind: 'gateway_error', status: 500, message: `model "${alias.alias}": selector "${alias.selector}" is not available` });
    }
    const ordered = selector.order(candidates, request);
    return {
      alias: alias.alias,
      passthrough: false,
      targets: ordered.map(({ provider, model, providerApi }) => ({ provider, model, providerApi })),
    };
  }

  private candidates(alias: ModelAliasConfig, request: RouteRequest): RouteCandidate[] {
    let targets: ConfiguredTarget[] = alias.targets.map((target) => ({
      provider: this.catalog.findProvider(target.provider),
      providerName: target.provider,
      model: target.model,
      weight: target.weight ?? 1,
    }));

    if (alias.apiMatch) {
      targets = targets.filter((target) => target.provider?.apiTypes.includes(request.clientApi));
      if (targets.length === 0) throw new RoutingError(this.noApiMatch(alias, request));
    }

    const usable = targets.filter((target) => target.provider?.enabled && target.provider.auth.apiKey !== undefined);
    if (usable.length === 0) throw new RoutingError(this.nothingUsable(alias, targets));

    const resting = usable.filter((target) => this.cooldowns.isCoolingDown(target.providerName, target.model));
    if (resting.length === usable.length) throw new RoutingError(this.allCoolingDown(alias, usable));

    return usable
      .filter((target) => !resting.includes(target))
      .map((target) => {
        const provider = target.provider as ProviderConfig;
        return { provider, model: target.model, weight: target.weight, providerApi: chooseProviderApi(provider, request.clientApi) };
      });
  }

  private noApiMatch(alias: ModelAliasConfig, request: RouteRequest) {
    const offered = alias.targets.map((target) => {
      const apiTypes = this.catalog.findProvider(target.provider)?.apiTypes ?? [];
      return `${target.provider} (${apiTypes.join(', ') || 'unknown provider'})`;
    });
    return {
      kind: 'invalid_request' as const,
      status: 400,
      param: 'model',
      message:
        `model "${alias.alias}" has apiMatch enabled and none of its providers speaks the "${request.clientApi}" API ` +
        `the request uses: ${offered.join(', ')}. Call it in one of those formats, or turn apiMatch off to translate`,
    };
  }

  private nothingUsable(alias: ModelAliasConfig, targets: ConfiguredTarget[]) {
    const reasons = targets.map((target) => {
      const why = !target.provider
        ? `provider "${target.providerName}" is not configured`
        : !target.provider.enabled
          ? `provider "${target.providerName}" is disabled`
          : describeMissingKey(target.provider);
      return `${target.providerName}/${target.model}: ${why}`;
    });
    return {
      kind: 'gateway_error' as const,
      status: 503,
      message: reasons.length > 0
        ? `model "${alias.alias}" has no usable target (${reasons.join('; ')})`
        : `model "${alias.alias}" has no targets configured`,
    };
  }

  private allCoolingDown(alias: ModelAliasConfig, targets: ConfiguredTarget[]) {
    let retryAfterSeconds = Infinity;
    const reasons = targets.map((target) => {
      const entry = this.cooldowns.activeEntry(target.providerName, target.model);
      const seconds = Math.max(entry?.seconds ?? 1, 1);
      retryAfterSeconds = Math.min(retryAfterSeconds, seconds);
      const scope = entry?.model === null ? ', whole provider' : '';
      return `${target.providerName}/${target.model}: ${entry?.reason ?? 'cooling down'} (${entry?.type ?? 'unknown'}${scope}, ${seconds} s left)`;
    });
    // "Overloaded" is the honest kind: each client format then gets its own retryable answer
    // (OpenAI 503, Anthropic 529 overloaded_error, Gemini 503 UNAVAILABLE), all with retry-after.
    return {
      kind: 'overloaded' as const,
      status: 503,
      retryAfterSeconds,
      message: `every target of model "${alias.alias}" is cooling down after provider errors: ${reasons.join('; ')}. Retry in ${retryAfterSeconds} s`,
    };
  }
}

/**
 * Rules that span more than one value (class-validator checks one value at a time). Runs on the
 * plain config even when single values were invalid, so every problem is reported in one pass;
 * hence the defensive reads.
 */
import { closestMatch } from './closest-match';
import { type ConfigPathSegment, formatConfigPath } from './format-config-path';
import type { PlexusConfig } from './plexus-config';
import { REQUIRED_MESSAGE } from './schema/field-rules';

export interface CrossCheckResult {
  problems: Array<{ path: string; message: string }>;
  warnings: string[];
}

type Item = Record<string, unknown>;

const list = (value: unknown): Item[] => (Array.isArray(value) ? value : []).map((item) => (isItem(item) ? item : {}));
const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const at = (...segments: ConfigPathSegment[]) => formatConfigPath(segments);

export interface CrossCheckContext {
  /** Paths whose `{env:}` variable is unset (allowed for the three secrets). */
  unsetEnvPaths: ReadonlySet<string>;
  /**
   * False for a path that already has a problem of its own (or sits under one): a rule that
   * compares it with another value would only repeat that problem in other words.
   */
  isValid(path: string): boolean;
}

export function crossCheckConfig(config: PlexusConfig, context: CrossCheckContext): CrossCheckResult {
  const result: CrossCheckResult = { problems: [], warnings: [] };
  checkRequiredSecrets(config, context.unsetEnvPaths, result);
  checkProviders(config, context, result);
  checkModelAliases(config, context, result);
  checkApiKeys(config, result);
  checkResilience(config, context, result);
  checkPricing(config, result);
  return result;
}

/** Required, yet allowed to be missing when their variable is unset: the server still starts. */
function checkRequiredSecrets(config: PlexusConfig, unsetEnvPaths: ReadonlySet<string>, result: CrossCheckResult): void {
  const required = (value: unknown, path: string) => {
    if (value === undefined && !unsetEnvPaths.has(path)) result.problems.push({ path, message: REQUIRED_MESSAGE });
  };
  required(config.admin?.apiKey, 'admin.apiKey');
  list(config.providers).forEach((provider, index) => {
    if (isItem(provider.auth)) required(provider.auth.apiKey, at('providers', index, 'auth', 'apiKey'));
  });
  list(config.apiKeys).forEach((apiKey, index) => required(apiKey.secret, at('apiKeys', index, 'secret')));
}

function checkProviders(config: PlexusConfig, context: CrossCheckContext, result: CrossCheckResult): void {
  const firstByName = new Map<string, number>();
  list(config.providers).forEach((provider, index) => {
    const name = text(provider.name);
    if (name !== undefined) {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, index);
      else result.problems.push({ path: at('providers', index, 'name'), message: `"${name}" is already used by providers[${first}]` });
    }
    const apiTypes = Array.isArray(provider.apiTypes) && context.isValid(at('providers', index, 'apiTypes')) ? provider.apiTypes : [];
    const baseUrls = isItem(provider.baseUrls) ? provider.baseUrls : {};
    for (const apiType of apiTypes) {
      if (typeof apiType === 'string' && baseUrls[apiType] === undefined) {
        const path = at('providers', index, 'baseUrls', apiType);
        result.problems.push({ path, message: `is required because apiTypes lists ${apiType}` });
      }
    }
    for (const apiType of Object.keys(baseUrls)) {
      if (apiTypes.length > 0 && !apiTypes.includes(apiType)) {
        result.warnings.push(`${at('providers', index, 'baseUrls', apiType)}: not used because apiTypes does not list ${apiType}`);
      }
    }
  });
}

function checkModelAliases(config: PlexusConfig, context: CrossCheckContext, result: CrossCheckResult): void {
  const providers = new Map(list(config.providers).map((provider) => [text(provider.name), provider]));
  const providerNames = [...providers.keys()].filter((name): name is string => name !== undefined);
  // With a provider list that is itself wrong, "no provider named …" would be noise.
  const providersKnown = context.isValid('providers') && providerNames.length === list(config.providers).length;
  const firstUse = new Map<string, string>();
  const claim = (name: unknown, path: string) => {
    if (typeof name !== 'string') return;
    const first = firstUse.get(name);
    if (first === undefined) firstUse.set(name, path);
    else result.problems.push({ path, message: `"${name}" is already used by ${first}` });
  };
  list(config.models).forEach((model, modelIndex) => {
    claim(model.alias, at('models', modelIndex, 'alias'));
    const additional = Array.isArray(model.additionalAliases) ? model.additionalAliases : [];
    additional.forEach((alias, aliasIndex) => claim(alias, at('models', modelIndex, 'additionalAliases', aliasIndex)));
    list(model.targets).forEach((target, targetIndex) => {
      const providerName = text(target.provider);
      if (providerName === undefined) return;
      const provider = providers.get(providerName);
      if (!provider && !providersKnown) return;
      if (!provider) {
        const path = at('models', modelIndex, 'targets', targetIndex, 'provider');
        result.problems.push({ path, message: unknownProvider(providerName, providerNames) });
        return;
      }
      const models = Array.isArray(provider.models) ? provider.models : [];
      if (typeof target.model === 'string' && !models.includes(target.model)) {
        result.warnings.push(
          `${at('models', modelIndex, 'targets', targetIndex, 'model')}: "${target.model}" is not in the models list of provider "${providerName}"`,
        );
      }
    });
  });
}

function unknownProvider(name: string, known: string[]): string {
  if (known.length === 0) return `no provider named "${name}" (no providers are configured)`;
  const suggestion = closestMatch(name, known);
  return suggestion ? `no provider named "${name}", did you mean "${suggestion}"?` : `no provider named "${name}" (providers: ${known.join(', ')})`;
}

function checkApiKeys(config: PlexusConfig, result: CrossCheckResult): void {
  const firstByName = new Map<string, number>();
  const firstBySecret = new Map<string, number>();
  list(config.apiKeys).forEach((apiKey, index) => {
    const name = text(apiKey.name);
    const secret = text(apiKey.secret);
    if (name !== undefined) {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, index);
      else result.problems.push({ path: at('apiKeys', index, 'name'), message: `"${name}" is already used by apiKeys[${first}]` });
    }
    if (secret !== undefined) {
      const first = firstBySecret.get(secret);
      // The secret itself stays out of the message: problems end up in logs.
      if (first === undefined) firstBySecret.set(secret, index);
      else result.problems.push({ path: at('apiKeys', index, 'secret'), message: `same secret as apiKeys[${first}]; each client key needs its own` });
    }
  });
}

function checkResilience(config: PlexusConfig, context: CrossCheckContext, result: CrossCheckResult): void {
  const bothValid = (...paths: string[]) => paths.every((path) => context.isValid(path));
  const cooldown = config.resilience?.cooldown;
  const durationsValid = bothValid('resilience.cooldown.minDuration', 'resilience.cooldown.maxDuration');
  if (durationsValid && isNumber(cooldown?.minDuration) && isNumber(cooldown?.maxDuration) && cooldown.minDuration > cooldown.maxDuration) {
    const message = `must be <= maxDuration (${cooldown.maxDuration}) (got ${cooldown.minDuration})`;
    result.problems.push({ path: 'resilience.cooldown.minDuration', message });
  }
  const health = config.resilience?.health;
  const thresholdsValid = bothValid('resilience.health.degradedThreshold', 'resilience.health.unhealthyThreshold');
  if (thresholdsValid && isNumber(health?.degradedThreshold) && isNumber(health?.unhealthyThreshold) && health.degradedThreshold > health.unhealthyThreshold) {
    const message = `must be <= unhealthyThreshold (${health.unhealthyThreshold}) (got ${health.degradedThreshold})`;
    result.problems.push({ path: 'resilience.health.degradedThreshold', message });
  }
}

function checkPricing(config: PlexusConfig, result: CrossCheckResult): void {
  const tiered = isItem(config.pricing?.tiered) ? config.pricing.tiered : {};
  for (const [model, tiers] of Object.entries(tiered)) {
    let previous: number | undefined;
    list(tiers).forEach((tier, index) => {
      const limit = tier.maxInputTokens;
      if (!isNumber(limit)) return;
      if (previous !== undefined && limit <= previous) {
        const message = `must be greater than the tier before it (${previous}); tiers are sorted by maxInputTokens (got ${limit})`;
        result.problems.push({ path: at('pricing', 'tiered', model, index, 'maxInputTokens'), message });
      }
      previous = limit;
    });
  }
  const providerNames = new Set(list(config.providers).map((provider) => text(provider.name)));
  const discounts = isItem(config.pricing?.discounts) ? config.pricing.discounts : {};
  for (const name of Object.keys(discounts)) {
    if (!providerNames.has(name)) result.warnings.push(`${at('pricing', 'discounts', name)}: no provider named "${name}", so it applies to nothing`);
  }
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

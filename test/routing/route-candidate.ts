import type { RouteCandidate } from '../../src/routing/route-plan';
import { providerConfig } from './provider-config';

export function routeCandidate(providerName: string, model = 'm', weight = 1): RouteCandidate {
  return { provider: providerConfig(providerName, { models: [model] }), model, weight, providerApi: 'chat' };
}

export const names = (candidates: RouteCandidate[]) => candidates.map((candidate) => candidate.provider.name);

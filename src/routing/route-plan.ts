import type { ProviderConfig } from '../config/plexus-config';
import type { IrApi } from '../wire/ir';

/** What the proxy knows about a request before choosing where it goes. */
export interface RouteRequest {
  requestedModel: string;
  clientApi: IrApi;
  /** Input tokens counted (or estimated) from the client body; the cost selector prices with it. */
  estimatedInputTokens: number;
  /** The client's max tokens, when it sent one. */
  maxOutputTokens?: number;
}

/** One place to send the request: a provider, the model name it knows, and the format to speak. */
export interface RouteTarget {
  provider: ProviderConfig;
  model: string;
  providerApi: IrApi;
}

/** Every target to try, in failover order: the proxy tries the next one when a try fails. */
export interface RoutePlan {
  /** The alias the name resolved to (its main name, even when an additional alias was used). */
  alias?: string;
  passthrough: boolean;
  targets: RouteTarget[];
}

/** A target that survived filtering, as the selectors see it. */
export interface RouteCandidate extends RouteTarget {
  /** The alias target's `weight` (random selector only). */
  weight: number;
}

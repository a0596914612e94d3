/**
 * The shape of a loaded, validated and defaulted configuration snapshot. Every section's keys
 * and defaults are part of the contract (docs/CONFIGURATION.md). Snapshots are deep-frozen:
 * treat them as read-only and ask ConfigService for the current one.
 */
import type { IrApi } from '../wire/ir';

export type LogLevel = 'silly' | 'debug' | 'info' | 'warn' | 'error';
export type SelectorName = 'random' | 'in_order' | 'cost' | 'latency' | 'performance';
export type CooldownErrorType = 'rate_limit' | 'auth_error' | 'timeout' | 'server_error' | 'connection_error';
export const COOLDOWN_ERROR_TYPES: readonly CooldownErrorType[] = [
  'rate_limit',
  'auth_error',
  'timeout',
  'server_error',
  'connection_error',
];

export interface ServerConfig {
  host: string;
  port: number;
  /** Largest client body accepted, in bytes (default 32 MiB). */
  bodyLimitBytes: number;
  /** SIGTERM grace period for in-flight requests, in ms (default 30000). */
  shutdownGraceMs: number;
}

export interface AdminConfig {
  /** Undefined when its `{env:}` variable is unset: the admin API then answers 503. */
  apiKey?: string;
  /** The `{env:NAME}` the key came from, for the 503 message. */
  apiKeyEnv?: string;
  rateLimit: { windowMs: number; maxRequests: number };
}

export interface EventsConfig {
  heartbeatIntervalMs: number;
  maxClients: number;
}

export interface LoggingConfig {
  level: LogLevel;
  usage: { enabled: boolean; storagePath: string; retentionDays: number };
  debug: {
    enabled: boolean;
    captureRequests: boolean;
    captureResponses: boolean;
    storagePath: string;
    retentionDays: number;
  };
  errors: { storagePath: string; retentionDays: number };
}

export interface ProviderTimeouts {
  /** TCP/TLS connect, ms (default 10000). */
  connectMs: number;
  /** From sending the request to the response headers, ms (default 120000: slow reasoning models). */
  firstByteMs: number;
  /** Longest silence between two body chunks, ms (default 120000). */
  idleMs: number;
}

export interface ProviderConfig {
  name: string;
  enabled: boolean;
  apiTypes: IrApi[];
  /** Base URL per api type listed in apiTypes. */
  baseUrls: Partial<Record<IrApi, string>>;
  auth: {
    type: 'bearer' | 'x-api-key';
    /** Undefined when its `{env:}` variable is unset: the provider stays out of routing. */
    apiKey?: string;
    /** The `{env:NAME}` the key came from, for error messages. */
    apiKeyEnv?: string;
  };
  models: string[];
  customHeaders: Record<string, string>;
  extraBody: Record<string, unknown>;
  discount?: number;
  cooldown: Partial<Record<CooldownErrorType, number>>;
  timeouts: ProviderTimeouts;
}

export interface ModelTargetConfig {
  provider: string;
  model: string;
  weight: number;
}

export interface ModelAliasConfig {
  alias: string;
  description?: string;
  additionalAliases: string[];
  selector: SelectorName;
  apiMatch: boolean;
  targets: ModelTargetConfig[];
}

export interface ApiKeyConfig {
  name: string;
  /** Undefined when its `{env:}` variable is unset: the key then matches nothing. */
  secret?: string;
  enabled: boolean;
}

export interface ResilienceConfig {
  cooldown: {
    maxDuration: number;
    minDuration: number;
    storagePath: string;
    defaults: Record<CooldownErrorType, number>;
  };
  health: { degradedThreshold: number; unhealthyThreshold: number };
}

export interface ModelPrice {
  inputPer1M: number;
  outputPer1M: number;
  cachedPer1M?: number;
  reasoningPer1M?: number;
}

export interface PriceTier {
  maxInputTokens: number;
  inputPer1M: number;
  outputPer1M: number;
}

export interface PricingConfig {
  models: Record<string, ModelPrice>;
  tiered: Record<string, PriceTier[]>;
  discounts: Record<string, number>;
  openrouter: { enabled: boolean; cacheRefreshMinutes: number; url: string; cachePath: string };
}

export interface PlexusConfig {
  server: ServerConfig;
  admin: AdminConfig;
  events: EventsConfig;
  logging: LoggingConfig;
  providers: ProviderConfig[];
  models: ModelAliasConfig[];
  apiKeys: ApiKeyConfig[];
  resilience: ResilienceConfig;
  pricing: PricingConfig;
}

/** A loaded snapshot plus where it came from and what the loader noticed. */
export interface ConfigSnapshot {
  config: Readonly<PlexusConfig>;
  /** Absolute path of the file it was loaded from. */
  path: string;
  /** `{env:NAME}` references whose variable is unset, with the config path using each. */
  missingEnv: Array<{ name: string; path: string }>;
  warnings: string[];
  loadedAt: Date;
  /**
   * The text it was parsed from, before `{env:}` resolution. Lets an admin edit that sends a
   * masked secret back keep the original `{env:NAME}` reference instead of writing the secret.
   * It may hold literal secrets: never log it or send it to a client.
   */
  sourceText?: string;
}

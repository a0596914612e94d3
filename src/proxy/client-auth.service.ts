import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ConfigService } from '../config/config.service';
import type { PlexusConfig } from '../config/plexus-config';

export interface ClientCredentialSource {
  headers: Record<string, string | string[] | undefined>;
  query: unknown;
}

/** Valid secrets remembered after their first hash; more distinct keys than this start over. */
const MAX_REMEMBERED_KEYS = 1024;

/**
 * Client keys are looked up by a SHA-256 of the presented secret in a map, so a wrong key costs
 * one hash and one lookup and no string comparison leaks how much of a secret was right.
 * A key that matched is remembered, so its later requests skip the hash (1.3 % of a request's
 * CPU in the benchmark); wrong keys are never remembered, so a flood of them cannot grow memory.
 * Both maps are rebuilt whenever the config changes.
 */
@Injectable()
export class ClientAuthService implements OnModuleDestroy {
  private keysByHash: Map<string, string>;
  private knownSecrets = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(configService: ConfigService) {
    this.keysByHash = buildKeyMap(configService.config);
    this.unsubscribe = configService.onChange((snapshot) => {
      this.keysByHash = buildKeyMap(snapshot.config);
      this.knownSecrets = new Map();
    });
  }

  /** The key's `name` when the request carries an enabled client key, else undefined. */
  authenticate(source: ClientCredentialSource): string | undefined {
    const secret = presentedSecret(source);
    if (!secret) return undefined;
    const known = this.knownSecrets.get(secret);
    if (known !== undefined) return known;
    const name = this.keysByHash.get(hashSecret(secret));
    if (name !== undefined) {
      if (this.knownSecrets.size >= MAX_REMEMBERED_KEYS) this.knownSecrets.clear();
      this.knownSecrets.set(secret, name);
    }
    return name;
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }
}

function buildKeyMap(config: Readonly<PlexusConfig>): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of config.apiKeys) {
    if (key.enabled && key.secret) map.set(hashSecret(key.secret), key.name);
  }
  return map;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64');
}

/** `Authorization: Bearer`, `x-api-key`, `x-goog-api-key`, or `?key=` (Gemini clients). */
function presentedSecret({ headers, query }: ClientCredentialSource): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    return authorization.slice(7).trim();
  }
  const apiKey = headers['x-api-key'] ?? headers['x-goog-api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey;
  const key = (query as { key?: unknown } | undefined)?.key;
  return typeof key === 'string' && key ? key : undefined;
}

import { Injectable } from '@nestjs/common';
import { ConfigService } from '../config/config.service';
import type { PlexusConfig } from '../config/plexus-config';
import { collectConfigSecrets } from './collect-config-secrets';
import { isCredentialHeader } from '../config/is-credential-header';

export const MASK = '***';

/** `key=` and similar credential query parameters (Gemini takes its key as `?key=`). */
const CREDENTIAL_QUERY = /([?&](?:key|api[-_]?key|access_token|token)=)[^&#\s"'\\]+/gi;

/**
 * Masks credentials in what Plexus writes to disk (debug traces, error lines): credential
 * headers by name, credential query parameters, and every secret value from the config
 * wherever it appears in the text (raw or JSON-escaped). The pattern is rebuilt only when
 * the config snapshot changes.
 */
@Injectable()
export class SecretMasker {
  private cachedFor?: Readonly<PlexusConfig>;
  private secretPattern?: RegExp;

  constructor(private readonly configService: ConfigService) {}

  maskText(text: string): string {
    const withoutQueryKeys = text.replace(CREDENTIAL_QUERY, `$1${MASK}`);
    const pattern = this.pattern();
    return pattern ? withoutQueryKeys.replace(pattern, MASK) : withoutQueryKeys;
  }

  /** A copy of the headers with credential values masked (an auth scheme word is kept). */
  maskHeaders(headers: Record<string, unknown>): Record<string, unknown> {
    const masked: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue;
      masked[name] = isCredentialHeader(name) ? maskCredentialValue(value) : value;
    }
    return masked;
  }

  private pattern(): RegExp | undefined {
    const config = this.configService.config;
    if (this.cachedFor !== config) {
      this.cachedFor = config;
      const variants = new Set<string>();
      for (const secret of collectConfigSecrets(config)) {
        variants.add(secret);
        variants.add(JSON.stringify(secret).slice(1, -1));
      }
      // Longest first, so a secret that contains another is masked whole.
      const alternatives = [...variants].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.secretPattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : undefined;
    }
    return this.secretPattern;
  }
}

function maskCredentialValue(value: unknown): string {
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(text);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

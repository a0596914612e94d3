import type { IrApi } from '../wire/ir';

/**
 * The provider URL for one call. `baseUrl` is a base such as `https://api.openai.com/v1`,
 * `https://api.anthropic.com/v1` or `https://generativelanguage.googleapis.com/v1beta`, to which
 * the standard path is added; a URL that already ends with the full path is used as is
 * (docs/CONFIGURATION.md). The model is URL-encoded: a client-chosen name can never change the
 * host or path (issue: no client input makes Plexus call another host or path).
 */
export function buildUpstreamUrl(api: IrApi, baseUrl: string, model: string, stream: boolean): string {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  switch (api) {
    case 'chat':
      return base.endsWith('/chat/completions') ? base : `${base}/chat/completions`;
    case 'messages':
      return base.endsWith('/messages') ? base : `${base}/messages`;
    case 'gemini': {
      const action = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
      if (/:(stream)?generateContent$/i.test(base)) {
        return base.replace(/:(stream)?generateContent$/i, `:${action}`);
      }
      return `${base}/models/${encodeURIComponent(model)}:${action}`;
    }
  }
}

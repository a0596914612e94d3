export type GeminiAction = 'generateContent' | 'streamGenerateContent' | 'countTokens';

export interface GeminiPath {
  model: string;
  action: string;
}

/**
 * `/v1beta/models/{model}:{action}` (or `/v1/models/…`, the SDK's default API version). The model
 * may contain `/` and URL-encoded characters; the action is after the LAST colon.
 */
export function parseGeminiPath(url: string): GeminiPath | undefined {
  const path = url.split('?', 1)[0];
  const match = /^\/v1(?:beta)?\/models\/(.+)$/.exec(path);
  if (!match) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return undefined;
  return { model: rest.slice(0, colon), action: rest.slice(colon + 1) };
}

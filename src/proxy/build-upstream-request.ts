import type { ProviderConfig } from '../config/plexus-config';
import { buildUpstreamHeaders } from '../providers/build-upstream-headers';
import { buildUpstreamUrl } from '../providers/build-upstream-url';
import { deepMerge } from '../providers/deep-merge';
import { CODECS } from '../wire/codecs';
import type { IrApi } from '../wire/ir';
import type { ProxyContext } from './proxy-context';

export interface PlannedTarget {
  provider: ProviderConfig;
  model: string;
  providerApi: IrApi;
}

export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Client and provider speak the same format: bytes are forwarded, not translated. */
  sameFormat: boolean;
}

/**
 * The body, URL and headers for one attempt. Same format: the client's own body with only the
 * model replaced (unknown fields survive). Across formats: IR → the provider's format. Either
 * way the provider's `extraBody` is merged last, in the provider's format.
 */
export function buildUpstreamRequest(context: ProxyContext, target: PlannedTarget): UpstreamRequest {
  const sameFormat = target.providerApi === context.clientApi;
  let body: Record<string, unknown>;
  if (sameFormat) {
    body = { ...context.body };
    if (target.providerApi !== 'gemini') body.model = target.model;
    // Plexus needs usage from every OpenAI stream; the usage chunk is hidden again if the client did not ask.
    if (target.providerApi === 'chat' && context.stream) {
      const streamOptions = typeof body.stream_options === 'object' && body.stream_options !== null ? body.stream_options : {};
      body.stream_options = { ...streamOptions, include_usage: true };
    }
  } else {
    body = CODECS[target.providerApi].encodeRequest(context.ir, target.model);
  }
  const extraBody = target.provider.extraBody;
  if (extraBody && Object.keys(extraBody).length > 0) deepMerge(body, extraBody);

  const baseUrl = target.provider.baseUrls[target.providerApi] ?? '';
  const headers = context.request.headers;
  return {
    sameFormat,
    url: buildUpstreamUrl(target.providerApi, baseUrl, target.model, context.stream),
    headers: buildUpstreamHeaders(target.provider, target.providerApi, {
      anthropicVersion: context.clientApi === 'messages' ? headerValue(headers['anthropic-version']) : undefined,
      anthropicBeta: context.clientApi === 'messages' ? headerValue(headers['anthropic-beta']) : undefined,
    }),
    body: JSON.stringify(body),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

import { BENCH_CLIENT_KEY } from '../processes/plexus-bench-config';
import type { WireFixtures } from './wire-fixtures';
import { wireRequestPath, type WireFormat } from './wire-format';

export interface ClientRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A client's call as its SDK sends it: the recorded request body with the bench model and the
 * stream flag, and the format's own auth header (OpenAI Bearer, Anthropic x-api-key with
 * anthropic-version, Gemini x-goog-api-key).
 */
export function clientRequest(fixtures: WireFixtures, format: WireFormat, model: string, stream: boolean): ClientRequest {
  const body = JSON.parse(fixtures[format].request);
  if (format === 'chat') {
    body.model = model;
    if (stream) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
  } else if (format === 'messages') {
    body.model = model;
    if (stream) body.stream = true;
  }
  return { path: wireRequestPath(format, model, stream), headers: authHeaders(format), body: JSON.stringify(body) };
}

function authHeaders(format: WireFormat): Record<string, string> {
  const json = { 'content-type': 'application/json' };
  switch (format) {
    case 'chat':
      return { ...json, authorization: `Bearer ${BENCH_CLIENT_KEY}` };
    case 'messages':
      return { ...json, 'x-api-key': BENCH_CLIENT_KEY, 'anthropic-version': '2023-06-01' };
    case 'gemini':
      return { ...json, 'x-goog-api-key': BENCH_CLIENT_KEY };
  }
}

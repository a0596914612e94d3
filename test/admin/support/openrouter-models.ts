import type { MockUpstream } from '../../support/mock-upstream';

/** The mock's answer to OpenRouter's `GET /api/v1/models` (USD per token, as OpenRouter quotes). */
export const OPENROUTER_MODELS = {
  data: [
    { id: 'openai/gpt-4o-mini', pricing: { prompt: '0.00000015', completion: '0.0000006' } },
    { id: 'anthropic/claude-sonnet-4', pricing: { prompt: '0.000003', completion: '0.000015' } },
  ],
};

/** Makes the mock upstream serve the OpenRouter price list; returns the URL to configure. */
export function serveOpenRouterModels(upstream: MockUpstream): string {
  upstream.override((request, response) => {
    if (request.url !== '/api/v1/models') return false;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(OPENROUTER_MODELS));
    return true;
  });
  return `${upstream.url}/api/v1/models`;
}

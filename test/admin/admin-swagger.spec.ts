import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockUpstream } from '../support/mock-upstream';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway';

/** Every admin route with its success status and the schema its success answer must name. */
const ROUTES: Array<[method: string, path: string, status: string, schema: string | null]> = [
  ['get', '/v0/config', '200', null],
  ['put', '/v0/config', '200', 'ConfigResultDto'],
  ['post', '/v0/config/validate', '200', 'ConfigResultDto'],
  ['get', '/v0/providers', '200', 'ProviderOverviewDto'],
  ['get', '/v0/models', '200', 'ModelOverviewDto'],
  ['get', '/v0/cooldowns', '200', 'CooldownListDto'],
  ['delete', '/v0/cooldowns', '200', 'ClearedCooldownsDto'],
  ['delete', '/v0/cooldowns/{provider}', '200', 'ClearedCooldownsDto'],
  ['get', '/v0/health', '200', 'HealthDetailDto'],
  ['get', '/v0/usage', '200', 'UsagePageDto'],
  ['get', '/v0/usage/summary', '200', 'UsageSummaryDto'],
  ['get', '/v0/errors', '200', 'ErrorPageDto'],
  ['get', '/v0/debug', '200', 'DebugStatusDto'],
  ['put', '/v0/debug', '200', 'DebugStatusDto'],
  ['get', '/v0/debug/{requestId}', '200', 'DebugTraceDto'],
  ['get', '/v0/pricing', '200', 'PricingOverviewDto'],
  ['post', '/v0/pricing/refresh', '200', 'PricingOverviewDto'],
  ['get', '/v0/events', '200', null],
];

describe('admin API: Swagger (/docs-json)', () => {
  const upstream = new MockUpstream();
  let gateway: TestGateway;
  let document: any;

  beforeAll(async () => {
    await upstream.start();
    gateway = await startTestGateway(upstream.url);
    document = await (await fetch(`${gateway.url}/docs-json`)).json();
  });
  afterAll(async () => {
    await gateway?.stop();
    await upstream.close();
  });

  const schemaOf = (reference: string) => document.components.schemas[reference.replace('#/components/schemas/', '')];

  it('lists every admin route, behind the admin-key bearer scheme, with its answers documented', () => {
    expect(document.components.securitySchemes['admin-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v0'))
      .flatMap(([path, operations]) => Object.keys(operations as object).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map(([method, path]) => `${method} ${path}`).sort());

    for (const [method, path, status, schema] of ROUTES) {
      const operation = document.paths[path][method];
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.security, where).toEqual([{ 'admin-key': [] }]);
      expect(operation.summary, where).toEqual(expect.any(String));
      for (const code of ['401', '429', '503']) expect(operation.responses[code]?.content['application/json'].schema.$ref, `${where} ${code}`).toBe('#/components/schemas/ErrorResponseDto');
      const content = operation.responses[status].content;
      expect(content, where).toBeDefined();
      if (schema === null) continue;
      const answer = content['application/json'].schema;
      const reference = answer.$ref ?? answer.items?.$ref;
      expect(reference, where).toBe(`#/components/schemas/${schema}`);
      expect(Object.keys(schemaOf(reference).properties).length, where).toBeGreaterThan(0);
    }
  });

  it('documents the request DTOs: bodies, query filters and path parameters, with their rules', () => {
    const debugBody = document.paths['/v0/debug'].put.requestBody.content['application/json'].schema;
    expect(schemaOf(debugBody.$ref)).toMatchObject({ required: ['enabled'], properties: { enabled: { type: 'boolean' } } });

    const usageParameters = Object.fromEntries(document.paths['/v0/usage'].get.parameters.map((parameter: any) => [parameter.name, parameter]));
    expect(Object.keys(usageParameters).sort()).toEqual(['alias', 'apiKey', 'cursor', 'from', 'limit', 'model', 'provider', 'status', 'to']);
    expect(usageParameters.limit).toMatchObject({ in: 'query', required: false, schema: { type: 'number' } });
    expect(usageParameters.status.schema.enum).toEqual(['success', 'error', 'cancelled']);
    const groupBy = document.paths['/v0/usage/summary'].get.parameters.find((parameter: any) => parameter.name === 'groupBy');
    expect(groupBy.schema.enum).toEqual(['apiKey', 'alias', 'provider', 'model', 'day']);
    const errorParameters = document.paths['/v0/errors'].get.parameters.map((parameter: any) => parameter.name);
    expect(errorParameters).toEqual(expect.arrayContaining(['from', 'to', 'apiKey', 'provider', 'model', 'errorType', 'kind', 'requestId', 'limit', 'cursor']));
    expect(document.paths['/v0/cooldowns/{provider}'].delete.parameters.map((parameter: any) => [parameter.name, parameter.in])).toEqual(
      expect.arrayContaining([['provider', 'path'], ['model', 'query']]),
    );
    expect(document.paths['/v0/debug/{requestId}'].get.parameters).toEqual([expect.objectContaining({ name: 'requestId', in: 'path', required: true })]);
  });

  it('documents the config body as YAML or JSON, its problems answer, and the event stream', () => {
    const put = document.paths['/v0/config'].put;
    expect(Object.keys(put.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'application/yaml', 'text/yaml', 'text/plain']));
    expect(schemaOf(put.responses['400'].content['application/json'].schema.$ref).properties.problems).toMatchObject({ type: 'array' });
    expect(Object.keys(document.paths['/v0/config'].get.responses['200'].content)).toEqual(['application/json', 'application/yaml']);

    const events = document.paths['/v0/events'].get;
    expect(Object.keys(events.responses['200'].content)).toEqual(['text/event-stream']);
    expect(events.responses['200'].content['text/event-stream'].example).toContain('event: request.completed');
    expect(document.components.schemas.PlexusEventDto.properties.type.enum).toEqual([
      'request.completed',
      'request.failed',
      'cooldown.started',
      'cooldown.ended',
      'health.changed',
      'config.reloaded',
      'pricing.refreshed',
    ]);
  });

  it('gives examples for the answers', () => {
    const usageRecord = document.components.schemas.UsageRecordDto;
    expect(usageRecord.properties.requestedModel.example).toBeDefined();
    expect(usageRecord.properties.usage.allOf?.[0]?.$ref ?? usageRecord.properties.usage.$ref).toBe('#/components/schemas/TokenUsageDto');
    expect(document.components.schemas.CooldownEntryDto.properties.until.example).toEqual(expect.any(String));
  });
});

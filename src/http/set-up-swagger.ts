import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * Swagger UI at /docs and the OpenAPI JSON at /docs-json, with the client and admin auth schemes.
 * The document is built on the first request for it (SwaggerModule then keeps it), not at start-up:
 * scanning every route and DTO takes ~30 ms and its garbage made the young generation grow, which
 * an idle gateway, or one whose docs are never opened, should not pay for.
 */
export function setUpSwagger(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plexus')
      .setDescription('Self-hosted LLM API gateway: OpenAI Chat Completions, Anthropic Messages and Gemini in, any provider out. Admin API under /v0.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A client key from apiKeys[].secret' }, 'client-key')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'A client key (Anthropic style)' }, 'x-api-key')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-goog-api-key', description: 'A client key (Gemini style; ?key= also works)' }, 'x-goog-api-key')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'admin.apiKey' }, 'admin-key')
      .build(),
  );
}

import { BadRequestException } from '@nestjs/common';
import type { ConfigFormat } from '../../config/parse-config-document';

/**
 * The body of `PUT /v0/config` as text for ConfigService: the body parser leaves YAML and plain
 * text as a string (parsed as YAML, which also reads JSON) and parses JSON into an object.
 */
export function configBody(body: unknown): { text: string; format: ConfigFormat } {
  if (typeof body === 'string' && body.trim() !== '') return { text: body, format: 'yaml' };
  if (body === undefined || body === null || typeof body === 'string') {
    throw new BadRequestException('send the whole configuration as the body, as YAML (content-type: application/yaml) or JSON');
  }
  return { text: JSON.stringify(body), format: 'json' };
}

import { extname } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { ConfigFormat } from './parse-config-document';
import type { SecretSubstitution } from './restore-masked-secrets';

export interface RenderConfigInput {
  /** The text as the admin sent it. */
  text: string;
  format: ConfigFormat;
  /** The same data with masked secrets restored. */
  value: unknown;
  substitutions: readonly SecretSubstitution[];
  /** The file it will replace; its extension decides the written format. */
  targetPath: string;
}

/**
 * The text to write for an applied config. YAML input is kept as written, comments included,
 * with only restored secrets changed; JSON input becomes YAML, the file's own format. A `.json`
 * config file stays JSON.
 */
export function renderConfigFile({ text, format, value, substitutions, targetPath }: RenderConfigInput): string {
  if (extname(targetPath).toLowerCase() === '.json') return `${JSON.stringify(value, null, 2)}\n`;
  if (format === 'json') return stringify(value);
  if (substitutions.length === 0) return text;
  const document = parseDocument(text, { merge: true });
  for (const { segments, value: secret } of substitutions) document.setIn(segments, secret);
  return document.toString();
}

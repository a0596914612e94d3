import { parseDocument } from 'yaml';

export type ConfigFormat = 'yaml' | 'json';

export interface ParsedConfigDocument {
  value: unknown;
  problems: string[];
}

/**
 * Text → plain data, with syntax errors as problems that carry the line and column. YAML
 * merge keys (`<<: *defaults`) are allowed so repeated provider settings can be shared.
 */
export function parseConfigDocument(text: string, format: ConfigFormat = 'yaml'): ParsedConfigDocument {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}

function parseYaml(text: string): ParsedConfigDocument {
  const document = parseDocument(text, { merge: true, prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return position ? `line ${position.line}, column ${position.col}: ${message}` : message;
    });
    return { value: undefined, problems };
  }
  try {
    return { value: document.toJS({ maxAliasCount: 1000 }), problems: [] };
  } catch (error) {
    // An alias bomb ("billion laughs") expands past maxAliasCount: a problem with the file, not a crash.
    return { value: undefined, problems: [`the YAML cannot be expanded: ${(error as Error).message}`] };
  }
}

function parseJson(text: string): ParsedConfigDocument {
  try {
    return { value: JSON.parse(text), problems: [] };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (!position) return { value: undefined, problems: [`invalid JSON: ${message}`] };
    const before = text.slice(0, Number(position[1])).split('\n');
    const where = `line ${before.length}, column ${before[before.length - 1].length + 1}`;
    return { value: undefined, problems: [`${where}: invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`] };
  }
}

import { closestMatch } from './closest-match';
import { type ConfigPathSegment, formatConfigPath } from './format-config-path';
import { knownKeys } from './known-keys';
import { sectionType } from './schema/field-rules';

/**
 * Warnings for keys the schema does not know, each with the closest known key when one is
 * near: `providers[0].apikey: unknown key, did you mean "apiKey"?`. Unknown keys are dropped,
 * not fatal, so a config written for a newer Plexus still starts on an older one.
 */
export function findUnknownKeys(raw: unknown, instance: unknown, segments: ConfigPathSegment[] = []): string[] {
  if (Array.isArray(raw) && Array.isArray(instance)) {
    return raw.flatMap((item, index) => findUnknownKeys(item, instance[index], [...segments, index]));
  }
  if (!isMapping(raw)) return [];
  if (instance instanceof Map) {
    return Object.entries(raw).flatMap(([key, item]) => findUnknownKeys(item, instance.get(key), [...segments, key]));
  }
  if (!isSchemaInstance(instance)) return [];
  const known = knownKeys(instance);
  const warnings: string[] = [];
  for (const [key, item] of Object.entries(raw)) {
    const path = [...segments, key];
    if (known.includes(key)) {
      warnings.push(...findUnknownKeys(item, (instance as Record<string, unknown>)[key], path));
      continue;
    }
    const suggestion = suggestKey(key, instance, known);
    const hint = suggestion ? `did you mean "${suggestion}"?` : `known keys: ${known.join(', ')}`;
    warnings.push(`${formatConfigPath(path)}: unknown key, ${hint}`);
  }
  return warnings;
}

/**
 * A known key of this section, else one of a sub-section one level down: `apikey` written
 * directly under a provider means `auth.apiKey`.
 */
function suggestKey(key: string, instance: object, known: string[]): string | undefined {
  const sameLevel = closestMatch(key, known);
  if (sameLevel) return sameLevel;
  const nested = known.flatMap((section) => {
    const type = sectionType(instance, section);
    return type ? knownKeys(new type()).map((child) => ({ child, label: `${section}.${child}` })) : [];
  });
  const child = closestMatch(key, nested.map((entry) => entry.child));
  return nested.find((entry) => entry.child === child)?.label;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSchemaInstance(value: unknown): value is object {
  return typeof value === 'object' && value !== null && value.constructor !== Object && value.constructor !== Array;
}

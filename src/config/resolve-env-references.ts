import { type ConfigPathSegment, formatConfigPath } from './format-config-path';
import { normalizeEnvReference } from './normalize-env-reference';

export interface EnvReference {
  name: string;
  segments: ConfigPathSegment[];
  /** False when the variable is unset (or empty). */
  set: boolean;
}

export interface EnvResolution {
  value: unknown;
  references: EnvReference[];
  /** Unset variables in list elements; `list` is the path of the list holding each. */
  problems: Array<{ path: string; list: string; message: string }>;
}

const REFERENCE = /\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Replaces every `{env:NAME}` in string values with that environment variable. A value whose
 * variable is unset is removed from its mapping (so the key's default applies, or the key is
 * reported as required) and listed in `references` with `set: false`; which places may stay
 * unset is decided by the caller. An unset variable in a list element is a problem here, since
 * dropping it would silently shift the list.
 */
export function resolveEnvReferences(value: unknown, env: NodeJS.ProcessEnv): EnvResolution {
  const resolution: EnvResolution = { value: undefined, references: [], problems: [] };
  resolution.value = resolveNode(value, [], env, resolution);
  return resolution;
}

/** Marks a value whose variable is unset; carries the variable's name. */
class Unset {
  constructor(readonly name: string) {}
}

function resolveNode(node: unknown, segments: ConfigPathSegment[], env: NodeJS.ProcessEnv, resolution: EnvResolution): unknown {
  const reference = asReference(node);
  if (reference !== undefined) return resolveString(reference, segments, env, resolution);
  if (Array.isArray(node)) {
    return node.map((item, index) => {
      const resolved = resolveNode(item, [...segments, index], env, resolution);
      if (!(resolved instanceof Unset)) return resolved;
      const path = formatConfigPath([...segments, index]);
      resolution.problems.push({ path, list: formatConfigPath(segments), message: `environment variable ${resolved.name} is not set` });
      return undefined;
    });
  }
  if (typeof node === 'object' && node !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      const resolved = resolveNode(item, [...segments, key], env, resolution);
      if (!(resolved instanceof Unset)) result[key] = resolved;
    }
    return result;
  }
  return node;
}

function asReference(node: unknown): string | undefined {
  const normalized = normalizeEnvReference(node);
  return typeof normalized === 'string' ? normalized : undefined;
}

function resolveString(
  text: string,
  segments: ConfigPathSegment[],
  env: NodeJS.ProcessEnv,
  resolution: EnvResolution,
): string | Unset {
  let unset: Unset | undefined;
  const resolved = text.replace(REFERENCE, (_match, name: string) => {
    const value = env[name];
    const set = value !== undefined && value !== '';
    resolution.references.push({ name, segments, set });
    if (!set) unset ??= new Unset(name);
    return value ?? '';
  });
  // A partly resolved value ("Bearer ") would be sent as if it were right: the whole value is unset.
  return unset ?? resolved;
}

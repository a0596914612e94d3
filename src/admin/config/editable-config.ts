import { maskSecrets } from '../../config/mask-secrets';
import type { ConfigSnapshot } from '../../config/plexus-config';

const PATH_SEGMENT = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;

/**
 * The running config as the admin API shows it, ready to be edited and sent back: every secret
 * masked, and a value whose `{env:NAME}` variable is unset shown as that reference. Without the
 * reference an edit sent back would silently drop it from the file. `apiKeyEnv` is left out: it
 * is derived from the reference, not a config key, and sent back it would only earn an
 * unknown-key warning.
 */
export function editableConfig(snapshot: ConfigSnapshot): Record<string, unknown> {
  const masked = maskSecrets(snapshot.config);
  delete masked.admin.apiKeyEnv;
  for (const provider of masked.providers) delete provider.auth.apiKeyEnv;
  const editable = masked as unknown as Record<string, unknown>;
  for (const { name, path } of snapshot.missingEnv) setIfAbsent(editable, parsePath(path), `{env:${name}}`);
  return editable;
}

/** `providers[0].auth.apiKey` → ['providers', 0, 'auth', 'apiKey'] (the format of ConfigSnapshot.missingEnv). */
function parsePath(path: string): Array<string | number> {
  return [...path.matchAll(PATH_SEGMENT)].map(([, key, index, quoted]) =>
    key !== undefined ? key : index !== undefined ? Number(index) : (JSON.parse(quoted) as string),
  );
}

function setIfAbsent(root: Record<string, unknown>, segments: Array<string | number>, value: string): void {
  let node: unknown = root;
  for (const segment of segments.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof node !== 'object' || node === null) return;
  }
  const owner = node as Record<string | number, unknown>;
  const last = segments[segments.length - 1];
  if (last !== undefined && owner[last] === undefined) owner[last] = value;
}

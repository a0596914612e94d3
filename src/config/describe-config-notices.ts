import type { ConfigSnapshot } from './plexus-config';

/**
 * One line per thing the operator should know about a loaded config that did not stop it:
 * unset `{env:}` variables with their consequence, then warnings.
 */
export function describeConfigNotices(snapshot: ConfigSnapshot): string[] {
  const unset = snapshot.missingEnv.map(({ name, path }) => `${name} is not set (used by ${path}): ${consequence(snapshot, path)}`);
  return [...unset, ...snapshot.warnings];
}

function consequence(snapshot: ConfigSnapshot, path: string): string {
  if (path === 'admin.apiKey') return 'the admin API answers 503 until it is set';
  const provider = /^providers\[(\d+)\]\.auth\.apiKey$/.exec(path);
  if (provider) return `provider "${snapshot.config.providers[Number(provider[1])]?.name}" stays out of routing`;
  const apiKey = /^apiKeys\[(\d+)\]\.secret$/.exec(path);
  if (apiKey) return `client key "${snapshot.config.apiKeys[Number(apiKey[1])]?.name}" matches no request`;
  return 'the default value applies';
}

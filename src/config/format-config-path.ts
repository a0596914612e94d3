/** One step into the config tree: a key of a mapping or an index of a list. */
export type ConfigPathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a location the way problems and warnings name it: `providers[1].auth.type`,
 * `pricing.models["gpt-4.1"].inputPer1M`. Keys that are not plain words (model names with dots or
 * slashes) are quoted so the path stays unambiguous.
 */
export function formatConfigPath(segments: readonly ConfigPathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

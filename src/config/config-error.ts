/**
 * Everything wrong with one configuration, found in one pass: a user fixes the file once, not
 * once per problem. Each problem names its location and what is allowed.
 */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly string[],
    /** Unknown keys and the like, found in the same pass; they often explain a problem. */
    readonly warnings: readonly string[] = [],
  ) {
    super(`invalid configuration in ${path}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

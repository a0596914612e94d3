import { ConfigError } from './config-error';

export interface ExitOutput {
  stderr: { write(text: string): unknown };
  exit(code: number): never;
}

const processOutput: ExitOutput = { stderr: process.stderr, exit: (code) => process.exit(code) };

/** What a user sees when the config is wrong: the file, then one problem per line. */
export function formatConfigError(error: ConfigError): string {
  return [
    `plexus: invalid configuration in ${error.path}:`,
    ...error.problems.map((problem) => `  ${problem}`),
    ...error.warnings.map((warning) => `  warning: ${warning}`),
  ].join('\n');
}

/**
 * For start-up: a ConfigError is the user's to fix, so it ends the process with exit code 1
 * and the problems, no stack trace. Anything else is a bug and is rethrown as is.
 */
export function exitOnConfigError(error: unknown, output: ExitOutput = processOutput): never {
  if (!(error instanceof ConfigError)) throw error;
  output.stderr.write(`${formatConfigError(error)}\n`);
  return output.exit(1);
}

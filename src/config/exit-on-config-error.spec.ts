import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { exitOnConfigError, type ExitOutput } from './exit-on-config-error';

class ExitCalled extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function capture(): ExitOutput & { written: string } {
  const output = {
    written: '',
    stderr: { write: (text: string) => (output.written += text) },
    exit: (code: number): never => {
      throw new ExitCalled(code);
    },
  };
  return output;
}

describe('exitOnConfigError', () => {
  it('prints the path and one problem per line, then exits with 1, without a stack trace', () => {
    const output = capture();
    const error = new ConfigError('/srv/config/plexus.yaml', ['server.port: must be an integer between 0 and 65535 (got 70000)', 'admin.apiKey: is required'], [
      'admin.apikey: unknown key, did you mean "apiKey"?',
    ]);
    expect(() => exitOnConfigError(error, output)).toThrow(ExitCalled);
    expect(output.written).toBe(
      [
        'plexus: invalid configuration in /srv/config/plexus.yaml:',
        '  server.port: must be an integer between 0 and 65535 (got 70000)',
        '  admin.apiKey: is required',
        '  warning: admin.apikey: unknown key, did you mean "apiKey"?',
        '',
      ].join('\n'),
    );
    expect(output.written).not.toContain('    at ');
  });

  it('rethrows anything that is not a ConfigError', () => {
    const output = capture();
    const bug = new TypeError('undefined is not a function');
    expect(() => exitOnConfigError(bug, output)).toThrow(bug);
    expect(output.written).toBe('');
  });
});

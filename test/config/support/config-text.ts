import { stringify } from 'yaml';
import { ConfigError } from '../../../src/config/config-error';
import { parseConfigText } from '../../../src/config/parse-config-text';
import type { ConfigSnapshot } from '../../../src/config/plexus-config';

/** The smallest config that loads with no problem and no warning: one provider, alias and client key. */
export function minimalConfig(): Record<string, any> {
  return {
    admin: { apiKey: 'admin-key' },
    providers: [
      {
        name: 'openai',
        apiTypes: ['chat'],
        baseUrls: { chat: 'https://api.openai.com/v1' },
        auth: { type: 'bearer', apiKey: 'sk-openai' },
        models: ['gpt-4o-mini'],
      },
    ],
    models: [{ alias: 'fast', targets: [{ provider: 'openai', model: 'gpt-4o-mini' }] }],
    apiKeys: [{ name: 'alice', secret: 'alice-secret' }],
  };
}

/** minimalConfig() changed by `edit`, as YAML text. */
export function configYaml(edit: (config: Record<string, any>) => void = () => {}): string {
  const config = minimalConfig();
  edit(config);
  return stringify(config);
}

export function load(text: string, env: NodeJS.ProcessEnv = {}): ConfigSnapshot {
  return parseConfigText(text, { path: '/etc/plexus/plexus.yaml', env });
}

/** The problems a text is rejected with; fails the test when it loads. */
export function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): readonly string[] {
  return rejectionOf(text, env).problems;
}

export function rejectionOf(text: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    load(text, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected the config to be rejected, but it loaded');
}

import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { collectValidationProblems } from './collect-validation-problems';
import { ConfigError } from './config-error';
import { formatConfigPath } from './format-config-path';
import { crossCheckConfig } from './cross-check-config';
import { deepFreeze } from './deep-freeze';
import { describeValue } from './describe-value';
import { dropNullValues } from './drop-null-values';
import { findUnknownKeys } from './find-unknown-keys';
import type { ConfigSnapshot, PlexusConfig } from './plexus-config';
import { type EnvReference, resolveEnvReferences } from './resolve-env-references';
import { PlexusConfigSchema } from './schema/plexus-config.schema';
import { toPlainConfig } from './to-plain-config';

export interface BuildConfigOptions {
  /** Absolute path of the file, for messages and the snapshot. */
  path: string;
  env: NodeJS.ProcessEnv;
  sourceText?: string;
}

/**
 * Parsed data → a validated, defaulted, deep-frozen snapshot. Throws ConfigError listing every
 * problem; unknown keys and doubtful references become warnings instead.
 */
export function buildConfigSnapshot(data: unknown, options: BuildConfigOptions): ConfigSnapshot {
  const document = data ?? {};
  if (typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigError(options.path, [
      `the file must be a mapping of sections (server, admin, providers, models, …) (got ${describeValue(document)})`,
    ]);
  }
  const resolution = resolveEnvReferences(document, options.env);
  const plain = dropNullValues(resolution.value);
  const instance = plainToInstance(PlexusConfigSchema, plain, { exposeDefaultValues: true });
  const validationErrors = validateSync(instance, { stopAtFirstError: true, forbidUnknownValues: false });
  const config = toPlainConfig(instance) as PlexusConfig;

  const unset = resolution.references.filter((reference) => !reference.set);
  const unsetByPath = new Map(unset.map((reference) => [formatConfigPath(reference.segments), reference.name]));
  // A list with an unset element is already reported by that element.
  const listsWithUnset = new Set(resolution.problems.map((problem) => problem.list));
  const fieldProblems = collectValidationProblems(validationErrors)
    .map(({ segments, message }) => ({ path: formatConfigPath(segments), message }))
    .filter((problem) => !listsWithUnset.has(problem.path));
  const invalidPaths = fieldProblems.map((problem) => problem.path);
  const isValid = (path: string) => !invalidPaths.some((invalid) => path === invalid || path.startsWith(`${invalid}.`) || path.startsWith(`${invalid}[`));
  const crossCheck = crossCheckConfig(config, { unsetEnvPaths: new Set(unsetByPath.keys()), isValid });
  const problems = [
    ...resolution.problems.map(({ path, message }) => `${path}: ${message}`),
    ...[...fieldProblems, ...crossCheck.problems].map(({ path, message }) => {
      // The value was there, its variable is not: say that rather than "is required".
      const variable = unsetByPath.get(path);
      return variable ? `${path}: environment variable ${variable} is not set` : `${path}: ${message}`;
    }),
  ];
  const warnings = [...findUnknownKeys(plain, instance), ...crossCheck.warnings];
  if (problems.length > 0) throw new ConfigError(options.path, problems, warnings);

  recordKeySources(config, resolution.references);
  return Object.freeze({
    config: deepFreeze(config),
    path: options.path,
    missingEnv: deepFreeze(unset.map((reference) => ({ name: reference.name, path: formatConfigPath(reference.segments) }))),
    warnings: deepFreeze(warnings),
    loadedAt: new Date(),
    sourceText: options.sourceText,
  });
}

/** `apiKeyEnv` names the variable behind a key, for "OPENAI_API_KEY is not set" style messages. */
function recordKeySources(config: PlexusConfig, references: readonly EnvReference[]): void {
  for (const { name, segments } of references) {
    const [section, index, group, key] = segments;
    if (section === 'admin' && index === 'apiKey' && segments.length === 2) config.admin.apiKeyEnv = name;
    if (section === 'providers' && typeof index === 'number' && group === 'auth' && key === 'apiKey' && segments.length === 4) {
      config.providers[index].auth.apiKeyEnv = name;
    }
  }
}

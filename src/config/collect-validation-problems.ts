import type { ValidationError } from 'class-validator';
import type { ConfigPathSegment } from './format-config-path';

export interface ConfigProblem {
  segments: ConfigPathSegment[];
  message: string;
}

/**
 * Flattens class-validator's error tree into one problem per failing value. A child's segment
 * is an index when its container is a list, a key otherwise (lists, Maps of named entries and
 * sections all nest the same way).
 */
export function collectValidationProblems(errors: readonly ValidationError[], parent: ConfigPathSegment[] = []): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const error of errors) {
    const segment = Array.isArray(error.target) ? Number(error.property) : error.property;
    const segments = [...parent, segment];
    for (const message of Object.values(error.constraints ?? {})) problems.push({ segments, message });
    problems.push(...collectValidationProblems(error.children ?? [], segments));
  }
  return problems;
}

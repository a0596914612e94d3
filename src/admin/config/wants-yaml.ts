const YAML_TYPE = /\b(?:application|text)\/(?:x-)?yaml\b/i;

/** True when the Accept header asks for YAML (application/yaml, text/yaml, application/x-yaml). */
export function wantsYaml(accept: string | undefined): boolean {
  return accept !== undefined && YAML_TYPE.test(accept);
}

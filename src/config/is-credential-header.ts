const CREDENTIAL_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-goog-api-key',
  'api-key',
  'cookie',
  'set-cookie',
]);

/** Headers that carry credentials, by name: the well-known ones plus any `*-key`, `*-token`, `*-secret`. */
export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || /(^|-)(key|token|secret|password)$/.test(lower);
}

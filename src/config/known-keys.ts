import { getMetadataStorage } from 'class-validator';

/** The keys a schema object's class declares: every property carries at least one validation rule. */
export function knownKeys(schema: object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema.constructor, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

import { WireValidationError } from '../ir';

/**
 * Structural readers for client bodies: each either returns a typed value or throws
 * WireValidationError naming the exact field, so a bad body never surfaces as a TypeError.
 * Absent (`undefined` or `null`) optional fields read as `undefined`.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(value: unknown, field: string): JsonObject {
  if (!isJsonObject(value)) throw new WireValidationError(field, 'must be an object');
  return value;
}

export function readOptionalObject(value: unknown, field: string): JsonObject | undefined {
  return value === undefined || value === null ? undefined : readObject(value, field);
}

export function readArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new WireValidationError(field, 'must be an array');
  return value;
}

export function readOptionalArray(value: unknown, field: string): unknown[] | undefined {
  return value === undefined || value === null ? undefined : readArray(value, field);
}

export function readString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new WireValidationError(field, 'must be a string');
  return value;
}

export function readOptionalString(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : readString(value, field);
}

export function readOptionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WireValidationError(field, 'must be a number');
  return value;
}

export function readOptionalInteger(value: unknown, field: string, minimum = 0): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new WireValidationError(field, `must be an integer >= ${minimum}`);
  }
  return value;
}

export function readOptionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new WireValidationError(field, 'must be a boolean');
  return value;
}

export function readOptionalStringArray(value: unknown, field: string): string[] | undefined {
  const array = readOptionalArray(value, field);
  return array?.map((item, index) => readString(item, `${field}[${index}]`));
}

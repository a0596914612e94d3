import { WireValidationError } from '../ir';

/**
 * Structural readers for client bodies: each returns the typed value or throws a
 * WireValidationError naming the exact field, so a bad body never surfaces as a TypeError.
 * `null` counts as absent for optional fields (JSON clients send it for "not set").
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireRecord(value: unknown, field: string): Record<string, unknown> {
  if (!isRecord(value)) throw new WireValidationError(field, 'must be an object');
  return value;
}

export function optionalRecord(value: unknown, field: string): Record<string, unknown> | undefined {
  return value === undefined || value === null ? undefined : requireRecord(value, field);
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new WireValidationError(field, 'must be an array');
  return value;
}

export function optionalArray(value: unknown, field: string): unknown[] | undefined {
  return value === undefined || value === null ? undefined : requireArray(value, field);
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new WireValidationError(field, 'must be a string');
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : requireString(value, field);
}

export function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WireValidationError(field, 'must be a number');
  return value;
}

export function optionalInteger(value: unknown, field: string): number | undefined {
  const number = optionalNumber(value, field);
  if (number !== undefined && !Number.isInteger(number)) throw new WireValidationError(field, 'must be an integer');
  return number;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new WireValidationError(field, 'must be a boolean');
  return value;
}

export function optionalStringArray(value: unknown, field: string): string[] | undefined {
  const array = optionalArray(value, field);
  return array?.map((item, index) => requireString(item, `${field}[${index}]`));
}

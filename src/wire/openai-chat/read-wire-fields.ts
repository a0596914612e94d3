import { WireValidationError } from '../ir';

/**
 * Structural readers for client bodies: each names the exact field it rejects, so a decoder never
 * leaks a TypeError on `null` or a number where a string belongs. `null` counts as absent for the
 * optional readers because OpenAI documents most parameters as nullable.
 */

export type WireRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is WireRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectRecord(value: unknown, field: string): WireRecord {
  if (!isRecord(value)) throw new WireValidationError(field, 'must be an object');
  return value;
}

export function expectArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new WireValidationError(field, 'must be an array');
  return value;
}

export function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new WireValidationError(field, 'must be a string');
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined || value === null ? undefined : expectString(value, field);
}

export function optionalNumber(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new WireValidationError(field, 'must be a number');
  return value;
}

export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new WireValidationError(field, 'must be true or false');
  return value;
}

export function optionalRecord(value: unknown, field: string): WireRecord | undefined {
  return value === undefined || value === null ? undefined : expectRecord(value, field);
}

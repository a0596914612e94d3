/**
 * Property decorators for the config schema. Each one is a single class-validator rule with a
 * message that says what is allowed and what was found, so a problem reads
 * `providers[1].auth.type: must be one of bearer, x-api-key (got "apikey")` instead of
 * class-validator's generic wording. Validation runs with `stopAtFirstError`, so a property
 * reports one problem.
 */
import { Transform, Type, plainToInstance } from 'class-transformer';
import { IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { describeValue } from '../describe-value';

type Check = (value: unknown) => boolean;
type Constructor = new () => object;

interface Presence {
  /** Leaving the key out is fine (the class gives the default, if any). */
  optional?: boolean;
}

export const REQUIRED_MESSAGE = 'is required';

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

function rule(name: string, allowed: string, check: Check, presence: Presence, describe = describeValue): PropertyDecorator {
  const validate = ValidateBy({
    name,
    validator: {
      validate: (value) => check(value),
      defaultMessage: (args) => (args?.value === undefined ? REQUIRED_MESSAGE : `${allowed} (got ${describe(args?.value)})`),
    },
  });
  return presence.optional ? compose(IsOptional(), validate) : validate;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);

/**
 * Numbers and booleans may be written as strings so that they can come from `{env:NAME}`
 * (environment variables are always text).
 */
const numberFromText = Transform(({ value }) =>
  typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value,
);
const booleanFromText = Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export function TextField(presence: Presence = {}): PropertyDecorator {
  return rule('text', 'must be a non-empty string', isText, presence);
}

export function UrlField(presence: Presence = {}): PropertyDecorator {
  const isUrl = (value: unknown) => isText(value) && /^https?:\/\/[^/\s]+/.test(value) && URL.canParse(value);
  return rule('url', 'must be an http:// or https:// URL', isUrl, presence);
}

export function BooleanField(presence: Presence = {}): PropertyDecorator {
  return compose(booleanFromText, rule('boolean', 'must be true or false', (value) => typeof value === 'boolean', presence));
}

export interface NumberRange extends Presence {
  integer?: boolean;
  min?: number;
  /** `min` itself is not allowed (discounts: 0 would make everything free). */
  exclusiveMin?: boolean;
  max?: number;
}

export function NumberField(range: NumberRange = {}): PropertyDecorator {
  return compose(numberFromText, rule('number', `must be ${describeNumberRange(range)}`, (value) => isInRange(value, range), range));
}

function describeNumberRange({ integer, min, exclusiveMin, max }: NumberRange, plural = false): string {
  const kind = plural ? (integer ? 'integers' : 'numbers') : integer ? 'an integer' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} between ${min} and ${max}`;
  if (min !== undefined) return `${kind} ${exclusiveMin ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} <= ${max}`;
  return kind;
}

function isInRange(value: unknown, { integer, min, exclusiveMin, max }: NumberRange): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (integer && !Number.isInteger(value)) return false;
  if (min !== undefined && (exclusiveMin ? value <= min : value < min)) return false;
  return max === undefined || value <= max;
}

export function OneOfField(values: readonly string[], presence: Presence = {}): PropertyDecorator {
  return rule('oneOf', `must be one of ${values.join(', ')}`, (value) => values.includes(value as string), presence);
}

export interface TextListRules extends Presence {
  nonEmpty?: boolean;
  oneOf?: readonly string[];
}

export function TextListField(rules: TextListRules = {}): PropertyDecorator {
  const items = rules.oneOf ? rules.oneOf.join(', ') : 'non-empty strings';
  const allowed = `must be a ${rules.nonEmpty ? 'non-empty ' : ''}list of ${items}`;
  const check = (value: unknown) =>
    Array.isArray(value) &&
    (!rules.nonEmpty || value.length > 0) &&
    value.every((item) => isText(item) && (!rules.oneOf || rules.oneOf.includes(item)));
  return rule('textList', allowed, check, rules);
}

/** A mapping of free-form names to strings, e.g. HTTP headers. */
export function TextMapField(presence: Presence = {}): PropertyDecorator {
  const check = (value: unknown) => isMapping(value) && Object.values(value).every((item) => typeof item === 'string');
  return rule('textMap', 'must be a mapping of names to strings', check, presence);
}

/** A mapping of free-form names to numbers within a range. */
export function NumberMapField(range: NumberRange = {}): PropertyDecorator {
  const check = (value: unknown) => isMapping(value) && Object.values(value).every((item) => isInRange(item, range));
  return compose(
    Transform(({ obj, key }) => obj[key]),
    rule('numberMap', `must be a mapping of names to ${describeNumberRange(range, true)}`, check, range),
  );
}

/** Any mapping, passed through untouched (e.g. fields merged into a provider request body). */
export function MappingField(presence: Presence = {}): PropertyDecorator {
  return compose(
    Transform(({ obj, key }) => obj[key]),
    rule('mapping', 'must be a mapping of keys to values', isMapping, presence),
  );
}

const nestedMessage = { message: (args: { value: unknown }) => `must be a mapping of keys to values (got ${describeValue(args.value)})` };

const sectionTypes = new WeakMap<object, Map<string | symbol, () => Constructor>>();

/** The schema class of a sub-section declared with NestedField, e.g. ProviderSchema → `auth`. */
export function sectionType(schema: object, key: string): Constructor | undefined {
  return sectionTypes.get(Object.getPrototypeOf(schema))?.get(key)?.();
}

/** A section or sub-section: its own schema class, defaults from that class. */
export function NestedField(type: () => Constructor, presence: Presence = {}): PropertyDecorator {
  const register: PropertyDecorator = (target, key) => {
    const types = sectionTypes.get(target) ?? new Map<string | symbol, () => Constructor>();
    sectionTypes.set(target, types.set(key, type));
  };
  return compose(register, Type(type), rule('section', 'must be a mapping of keys to values', isMapping, presence), ValidateNested(nestedMessage));
}

export function NestedListField(type: () => Constructor, rules: { nonEmpty?: boolean } & Presence = {}): PropertyDecorator {
  const allowed = rules.nonEmpty ? 'must be a non-empty list' : 'must be a list';
  const check = (value: unknown) => Array.isArray(value) && (!rules.nonEmpty || value.length > 0);
  return compose(Type(type), rule('list', allowed, check, rules), ValidateNested(nestedMessage));
}

/**
 * A mapping of free-form names (model names) to entries of one schema class. Turned into a Map
 * because class-validator walks the entries of a Map (not those of a plain object) and reports
 * each by its key.
 */
export function NestedMapField(type: () => Constructor, options: { listOf?: boolean } = {}): PropertyDecorator {
  const instantiate = (value: unknown): unknown => {
    if (options.listOf && Array.isArray(value)) return value.map((item) => instantiateOne(type(), item));
    return options.listOf ? value : instantiateOne(type(), value);
  };
  const toMap = Transform(({ obj, key }) => {
    const raw = obj[key];
    return isMapping(raw) ? new Map(Object.entries(raw).map(([name, value]) => [name, instantiate(value)])) : raw;
  });
  const isBadEntry = ([, item]: [string, unknown]) => options.listOf && !(Array.isArray(item) && item.length > 0);
  const check = (value: unknown) => value instanceof Map && ![...value].some(isBadEntry);
  // Point at the entry that is wrong, not at the whole mapping.
  const describe = (value: unknown) => {
    const bad = value instanceof Map ? [...value].find(isBadEntry) : undefined;
    return bad ? `${JSON.stringify(bad[0])}: ${describeValue(bad[1])}` : describeValue(value);
  };
  const allowed = options.listOf ? 'must be a mapping of names to non-empty lists' : 'must be a mapping of names to entries';
  return compose(toMap, rule('map', allowed, check, {}, describe), ValidateNested(nestedMessage));
}

function instantiateOne(type: Constructor, value: unknown): unknown {
  return isMapping(value) ? plainToInstance(type, value, { exposeDefaultValues: true }) : value;
}

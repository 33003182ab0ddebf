import { type GraphQLOutputType, isCompositeType, isEnumType, isListType, isNonNullType } from 'graphql';

export const NON_NULL = 0;
export const LIST = 1;
export const COMPOSITE = 2;
export const LEAF = 3;

/** A field's output type, unwrapped once: what completing a value of it needs. */
export type Shape =
  | { kind: typeof NON_NULL; of: Shape; ofLabel: string }
  | { kind: typeof LIST; of: Shape; label: string }
  | { kind: typeof COMPOSITE; label: string }
  | { kind: typeof LEAF; label: string; valid: (value: unknown) => boolean };

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const BUILT_IN_LEAVES: Record<string, (value: unknown) => boolean> = {
  Boolean: (value) => typeof value === 'boolean',
  Int: (value) => typeof value === 'number' && Number.isFinite(value) && INTEGER.test(String(value)),
  ID: (value) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value) && INTEGER.test(String(value))),
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  String: (value) => typeof value === 'string',
};

/** A field type's shape: what completing a value of it needs, leaf values' checks included (@apollo/gateway's `isValidLeafValue`). */
export function shapeOf(type: GraphQLOutputType): Shape {
  if (isNonNullType(type)) return { kind: NON_NULL, of: shapeOf(type.ofType), ofLabel: String(type.ofType) };
  if (isListType(type)) return { kind: LIST, of: shapeOf(type.ofType), label: String(type) };
  if (isCompositeType(type)) return { kind: COMPOSITE, label: type.name };
  if (isEnumType(type)) {
    const names = new Set(type.getValues().map((value) => value.name));
    return { kind: LEAF, label: type.name, valid: (value) => typeof value === 'string' && names.has(value) };
  }
  return { kind: LEAF, label: type.name, valid: BUILT_IN_LEAVES[type.name] ?? (() => true) };
}

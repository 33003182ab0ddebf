import { type FieldNode, getNamedType, type GraphQLCompositeType, isCompositeType, isInterfaceType, isObjectType, Kind } from 'graphql';
import type { DenialReason } from '@intel-gateway/shared/policy';
import { COMMON_TYPES } from '@intel-gateway/shared/subgraph';

/** Value types every subgraph serves to any caller with a role: the gateway reads inside them for its own checks whatever the caller may see of them. */
const SHARED_VALUE_TYPES: ReadonlySet<string> = new Set(COMMON_TYPES);

/**
 * Why the gateway may not add `fields` to a selection set of `type` for its own checks:
 * a subgraph refuses a field its rules deny the caller, and a refused non-null field would
 * null its parent, and the parent's parent, up to the whole answer. So the gateway adds
 * only what the caller's rules could allow (`denialOf`, the subject's decision for a
 * field whatever the record), except inside the shared value types (provenance), which
 * every subgraph serves to any caller with a role.
 */
export function createAdditionDenial(denialOf: (typeName: string, fieldName: string) => Promise<DenialReason | null>) {
  const additionDenial = async (type: GraphQLCompositeType, fields: readonly FieldNode[]): Promise<DenialReason | null> => {
    if (SHARED_VALUE_TYPES.has(type.name) || !(isObjectType(type) || isInterfaceType(type))) return null;
    for (const field of fields) {
      const definition = type.getFields()[field.name.value];
      if (!definition) continue;
      const reason = await denialOf(type.name, field.name.value);
      if (reason) return reason;
      const below = getNamedType(definition.type);
      const nested = field.selectionSet?.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
      const nestedReason = nested && isCompositeType(below) ? await additionDenial(below, nested) : null;
      if (nestedReason) return nestedReason;
    }
    return null;
  };
  return additionDenial;
}

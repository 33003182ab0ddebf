import { type FieldNode, type GraphQLCompositeType, isObjectType } from 'graphql';
import type { CompiledPolicy } from './fieldPolicy';
import { type MarkingType, RECORD_MARKING_ALIAS_PREFIX } from './operationPlan';
import { markingFieldsOf, plainField, recordProvenanceField, withFields } from './selectionBuilders';

/** How the gateway identifies a record of one type: its id field, and the fields it reads to identify it and its markings. */
export interface RecordIdentity {
  idField: string;
  fields: FieldNode[];
  markings: { alias: string; field: FieldNode; type: MarkingType }[];
}

/**
 * What the gateway reads to identify a record of this type and to know how it must be
 * handled: its id, its provenance, and every other field of the record that carries a
 * handling marking (a contribution's `handlingCode`). Null when it is no record or the
 * gateway does not identify records.
 */
export function recordIdentityOf(policy: CompiledPolicy, type: GraphQLCompositeType, identifyRecords: boolean): RecordIdentity | null {
  const idField = identifyRecords ? policy.recordTypes.get(type.name) : undefined;
  if (!idField || !isObjectType(type)) return null;
  const markings = markingFieldsOf(type).map(({ name, type: markingType }) => ({
    alias: RECORD_MARKING_ALIAS_PREFIX + name,
    field: markingType === 'Handling' ? withFields(name, ['code', 'conditions']) : plainField(name),
    type: markingType,
  }));
  return { idField, fields: [plainField(idField), recordProvenanceField(), ...markings.map((m) => m.field)], markings };
}

import {
  type DocumentNode,
  type FieldDefinitionNode,
  isTypeDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  print,
  type TypeNode,
} from 'graphql';
import { RECORD_IDENTIFIER_FIELDS, ROOT_TYPES } from '@intel-gateway/gateway';

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/** The name a field's type refers to, through lists and non-null. */
function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Top-level field names of each `@key(fields: "...")` on a definition. */
function keyFieldSets(definition: ObjectTypeDefinitionNode | ObjectTypeExtensionNode): { text: string; fields: string[] }[] {
  return (definition.directives ?? [])
    .filter((d) => d.name.value === 'key')
    .flatMap((d) => {
      const argument = d.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (argument?.kind !== Kind.STRING) return [];
      const selection = parse(`{ ${argument.value} }`).definitions[0];
      const fields =
        selection?.kind === Kind.OPERATION_DEFINITION
          ? selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
          : [];
      return [{ text: argument.value, fields }];
    });
}

/** Types, fields and keys of a set of SDL documents, merged as composition merges them. */
function mergedSchemaFacts(documents: readonly DocumentNode[]) {
  const kinds = new Map<string, string>();
  const fields = new Map<string, Map<string, FieldDefinitionNode>>();
  const keys = new Map<string, { text: string; fields: string[] }[]>();
  for (const document of documents) {
    for (const definition of document.definitions) {
      if (isTypeDefinitionNode(definition)) kinds.set(definition.name.value, definition.kind);
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
        const name = definition.name.value;
        const typeFields = fields.get(name) ?? new Map<string, FieldDefinitionNode>();
        for (const field of definition.fields ?? []) typeFields.set(field.name.value, field);
        fields.set(name, typeFields);
        keys.set(name, [...(keys.get(name) ?? []), ...keyFieldSets(definition)]);
      }
    }
  }
  return { kinds, fields, keys };
}

/**
 * The provenance rule for a subgraph's own schema. A *shareable type* is an object type
 * the subgraph defines or extends (root types aside) that is either
 *
 * - a **record type**: it has an identifier field, `id` or `code` (whatever its `@key`).
 *   The gateway audits a type's disclosure and re-checks the owner's release rules on it
 *   as a record only when it has such a field and its provenance, so each must carry
 *   `provenance: Provenance!` (the shared block), in its own definition or, for another
 *   owner's entity the subgraph adds fields to, in the owner's; or
 * - an **entity keyed by a natural key** (`@key` on fields other than an identifier, e.g. a
 *   VIN or a document number): a meeting point several owners add facts to, which holds no
 *   provenance of its own. So the fields the subgraph adds to it may only lead to other
 *   types (its records); a scalar or enum field there would be a fact without an owner.
 */
export function shareableTypeProblems(
  own: DocumentNode,
  all: readonly DocumentNode[],
): { problems: string[]; records: string[]; meetingPoints: string[] } {
  const merged = mergedSchemaFacts(all);
  const problems: string[] = [];
  const records = new Set<string>();
  const meetingPoints = new Set<string>();
  for (const definition of own.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    if (ROOT_TYPES.has(type) || records.has(type) || meetingPoints.has(type)) continue;
    const fields = merged.fields.get(type)!;
    const identifier = RECORD_IDENTIFIER_FIELDS.find((name) => fields.has(name));
    if (identifier) {
      records.add(type);
      const block = fields.get('provenance');
      if (!block) {
        problems.push(
          `provenance: ${type} is a shareable record type (it has an "${identifier}" field) but carries no "provenance: Provenance!" block; without it the gateway can neither re-check its owner's release rules nor audit its disclosure`,
        );
      } else if (print(block.type) !== 'Provenance!') {
        problems.push(
          `provenance: ${type}.provenance must be "Provenance!" (the shared provenance block, never null), not "${print(block.type)}"`,
        );
      }
      continue;
    }
    const keys = merged.keys.get(type) ?? [];
    if (keys.length === 0) continue;
    meetingPoints.add(type);
    const keyFields = new Set(keys.flatMap((k) => k.fields));
    for (const ownDefinition of own.definitions) {
      if (
        (ownDefinition.kind !== Kind.OBJECT_TYPE_DEFINITION && ownDefinition.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
        ownDefinition.name.value !== type
      )
        continue;
      for (const field of ownDefinition.fields ?? []) {
        if (keyFields.has(field.name.value)) continue;
        const target = namedType(field.type);
        const kind = merged.kinds.get(target);
        if (BUILT_IN_SCALARS.has(target) || kind === Kind.SCALAR_TYPE_DEFINITION || kind === Kind.ENUM_TYPE_DEFINITION) {
          problems.push(
            `provenance: ${type}.${field.name.value} (${print(field.type)}) is a fact on ${type}, an entity keyed by its natural key "${keys[0]!.text}" that carries no provenance; put it in a record type with a provenance block and link ${type} to that record`,
          );
        }
      }
    }
  }
  return { problems, records: [...records], meetingPoints: [...meetingPoints] };
}

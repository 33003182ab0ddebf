import { type DocumentNode, Kind, parse } from 'graphql';

/**
 * The object and interface fields an SDL document defines or extends, by type name: what
 * a subgraph's own schema adds to the supergraph. Used to tell which rules a contributed
 * policy may set, and which fields a subgraph check must find rules for.
 */
export function definedFields(sdl: string | DocumentNode): Map<string, Set<string>> {
  const document = typeof sdl === 'string' ? parse(sdl) : sdl;
  const fields = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    const names = fields.get(definition.name.value) ?? new Set<string>();
    for (const field of definition.fields ?? []) names.add(field.name.value);
    fields.set(definition.name.value, names);
  }
  return fields;
}

import { type ConstDirectiveNode, type ConstValueNode, Kind, parse } from 'graphql';

const argument = (directive: ConstDirectiveNode, name: string): ConstValueNode | undefined =>
  directive.arguments?.find((a) => a.name.value === name)?.value;
const directivesNamed = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  (directives ?? []).filter((d) => d.name.value === name);

/**
 * For each type with a `provenance` field, the subgraphs that can resolve it, read from a
 * supergraph's join directives: the graphs of the field's own `@join__field`s (other than
 * external or overridden ones), else every graph of the type's `@join__type`s. A record's
 * owner comes from its provenance, so these are the subgraphs that can claim whose record
 * it is; the gateway checks the claim against the owners each one serves.
 */
export function provenanceSourcesOf(supergraphSdl: string): Map<string, string[]> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = directivesNamed(value.directives, 'join__graph').map((d) => argument(d, 'name'))[0];
      if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
    }
  }
  const graphOf = (directive: ConstDirectiveNode) => {
    const graph = argument(directive, 'graph');
    return graph?.kind === Kind.ENUM ? graphNames.get(graph.value) : undefined;
  };
  const sources = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const provenance = definition.fields?.find((field) => field.name.value === 'provenance');
    if (!provenance) continue;
    const fieldJoins = directivesNamed(provenance.directives, 'join__field');
    const resolving =
      fieldJoins.length > 0
        ? fieldJoins
            .filter((d) => ![argument(d, 'external'), argument(d, 'usedOverridden')].some((v) => v?.kind === Kind.BOOLEAN && v.value))
            .map(graphOf)
        : directivesNamed(definition.directives, 'join__type').map(graphOf);
    sources.set(definition.name.value, [...new Set(resolving.filter((name): name is string => name !== undefined))].sort());
  }
  return sources;
}

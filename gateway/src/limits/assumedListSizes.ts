import { costIdentity, Supergraph } from '@apollo/federation-internals';

/**
 * Each list field's assumed size for the cost limit, from the supergraph: a subgraph marks
 * a list field `@listSize(assumedSize: N)` (Apollo's cost spec, `@link` federation v2.9 or
 * later, imported as `@listSize`), and composition keeps it. Returns `Type.field` → N.
 * The API schema the gateway serves drops the directive, hence this reading of the
 * supergraph itself; fields without it get the gateway's default list size.
 */
export function assumedListSizes(supergraphSdl: string): ReadonlyMap<string, number> {
  const { schema } = Supergraph.build(supergraphSdl);
  const sizes = new Map<string, number>();
  const feature = schema.coreFeatures?.getByIdentity(costIdentity);
  const directive = feature && schema.directive(feature.directiveNameInSchema('listSize'));
  for (const application of directive?.applications() ?? []) {
    const assumedSize: unknown = application.arguments().assumedSize;
    const element = application.parent as { coordinate?: string };
    if (typeof assumedSize === 'number' && Number.isInteger(assumedSize) && assumedSize >= 0 && element.coordinate)
      sizes.set(element.coordinate, assumedSize);
  }
  return sizes;
}

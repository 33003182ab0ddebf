import { servesOwner, type SubgraphEntry } from '@intel-gateway/shared/registry';

/** Whether the named subgraph is registered as serving this owner. */
export type ServesOwner = (subgraph: string, owner: string) => boolean;

/** The registry's answer to "does this subgraph speak for this owner": an unknown subgraph speaks for no one. */
export function subgraphServes(subgraphs: readonly Pick<SubgraphEntry, 'name' | 'owners'>[]): ServesOwner {
  return (subgraph, owner) => {
    const entry = subgraphs.find((s) => s.name === subgraph);
    return !!entry && servesOwner(entry, owner);
  };
}

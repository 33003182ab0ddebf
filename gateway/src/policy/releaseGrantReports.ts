import { RELEASE_GRANT_TYPES_EXTENSION } from '@intel-gateway/shared/policy';

/**
 * What the subgraphs that answered one request said about the release grants they held for
 * the caller while serving it (`RELEASE_GRANT_TYPES_EXTENSION`): for each, the record types
 * of those grants, or null once one of its answers said nothing readable. A subgraph not
 * heard from, or heard without a readable report, counts as one that may have served any
 * record on a grant.
 */
export class ReleaseGrantReports {
  private readonly bySubgraph = new Map<string, Set<string> | null>();

  /** Notes one answer of `subgraph`: the types it reports join those of its other answers; an answer that says nothing readable makes them unknown. */
  heard(subgraph: string, extensions: Readonly<Record<string, unknown>> | undefined): void {
    const reported = extensions?.[RELEASE_GRANT_TYPES_EXTENSION];
    const known = this.bySubgraph.get(subgraph);
    if (known === null) return;
    if (!Array.isArray(reported) || !reported.every((type) => typeof type === 'string')) {
      this.bySubgraph.set(subgraph, null);
      return;
    }
    if (known) for (const type of reported) known.add(type);
    else this.bySubgraph.set(subgraph, new Set(reported));
  }

  /**
   * Whether a record of `type` that one of `subgraphs` served (its provenance sources) may
   * have come on a release grant: unless each of them answered and reported grants of
   * other types only, it may.
   */
  mayHaveServedOnGrant(type: string, subgraphs: readonly string[]): boolean {
    if (subgraphs.length === 0) return true;
    return subgraphs.some((subgraph) => {
      const types = this.bySubgraph.get(subgraph);
      return !types || types.has(type);
    });
  }
}

const reportsByRequest = new WeakMap<object, ReleaseGrantReports>();

/**
 * The grant reports of the request whose GraphQL context is `context`: the subgraph data
 * source notes each answer here, the record checks read them once the answer is complete.
 */
export function releaseGrantReportsOf(context: object): ReleaseGrantReports {
  let reports = reportsByRequest.get(context);
  if (!reports) reportsByRequest.set(context, (reports = new ReleaseGrantReports()));
  return reports;
}

/**
 * A record's provenance as a subgraph returns it: owned by `owner`, releasable to anyone for
 * criminal investigations, kept far into the future, no handling conditions. Unit tests only:
 * not part of the built package.
 */
export const testProvenance = (owner: string) => ({
  owner,
  tlp: 'GREEN',
  handling: { code: 'H0', conditions: null },
  retainUntil: '2999-01-01T00:00:00Z',
  purposes: ['CRIMINAL_INVESTIGATION'],
  classification: 'UNCLASSIFIED',
  restrictions: { allowedAgencies: [], deniedAgencies: [], existenceOnlyAgencies: [] },
});

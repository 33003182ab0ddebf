/** The person search every agency subgraph serves: arguments, candidate filter, ranking, resolvers. */
export {
  MAX_TOLERANCE_YEARS,
  MAX_CANDIDATES,
  type PersonSearchCriteria,
  parsePersonSearch,
  type PersonFields,
  personSearchFilter,
  type IdentityMatch,
  rankCandidates,
  searchPersons,
  personSearchResolvers,
} from './personSearch';

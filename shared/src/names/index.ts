/** Person names: match keys, scoring and the person search every agency subgraph serves. */
export { MATCH_METHODS, type MatchMethod, scriptOf, nameMatchKeys, type NameQuery, nameQuery, type NameMatch, scoreNameMatch } from './nameKeys';
export { MAX_TOLERANCE_YEARS, MAX_CANDIDATES, type PersonSearchCriteria, parsePersonSearch, type PersonFields, personSearchFilter, type IdentityMatch, rankCandidates, searchPersons, personSearchResolvers } from './personSearch';

/** Person names: match keys and scoring, pure functions of the names. */
export {
  MATCH_METHODS,
  type MatchMethod,
  scriptOf,
  nameMatchKeys,
  type NameQuery,
  nameQuery,
  type NameMatch,
  scoreNameMatch,
} from './nameKeys';

import { allow, type IRule, type IRules, rule, shield } from 'graphql-shield';
import { refusalError } from '../errors';
import type { CallerContext } from '../identity/gatewayToken';

/** The error every denied field gets in a subgraph: no hint of what the field holds. */
const denied = () => refusalError('SUBGRAPH_RULE', 'Not authorised');

/** The caller holds at least one role (the gateway's readiness probe holds none, so it reads nothing). */
export const hasRole: IRule = rule({ cache: 'contextual' })(async (_parent, _args, context: { caller?: CallerContext }) =>
  (context.caller?.principal.roles.length ?? 0) > 0 ? true : denied(),
);

/** Types from shared/graphql/common.graphql, which every subgraph serves to any caller with a role. */
export const COMMON_TYPES = ['Provenance', 'Restrictions', 'Handling', 'Evaluation', 'PersonName', 'PageInfo', 'ReviewItem'];

/**
 * A subgraph's own graphql-shield, with the safe settings graphql-shield does not default
 * to: deny whatever has no rule, let resolver errors (such as BAD_USER_INPUT) through, and
 * a fixed error for every refusal. `_service` and `_entities` are allowed explicitly, so
 * each entity type's own rules decide what an entity reference may read: `_entities`
 * would otherwise bypass the Query rules.
 */
export function subgraphPermissions(rules: IRules & Record<string, unknown>, options: { hasEntities: boolean } = { hasEntities: true }) {
  const common = Object.fromEntries(COMMON_TYPES.map((type) => [type, { '*': hasRole }]));
  const query = (rules as Record<string, Record<string, unknown>>).Query ?? {};
  // `_entities` exists only in a subgraph that declares entities.
  const federation = options.hasEntities ? { _service: allow, _entities: allow } : { _service: allow };
  return shield({ ...common, ...rules, Query: { ...query, ...federation }, _Service: allow } as IRules, {
    fallbackRule: rule({ cache: 'no_cache' })(async () => denied()),
    allowExternalErrors: true,
    fallbackError: denied,
  });
}

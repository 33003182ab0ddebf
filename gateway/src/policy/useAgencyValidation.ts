import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema, validate, type GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CallerContext, Principal } from '@intel-gateway/shared';

/**
 * What a caller who may query no field validates against: a schema needs one field, and
 * this one is named so that no API field is near it (no suggestion can point anywhere).
 */
const NOTHING_VISIBLE = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { _: { type: GraphQLBoolean } } }) });

/**
 * Answers an invalid operation from its caller's own agency schema (see agencySchema.ts),
 * so that a type, field, argument or enum value the caller may not see is named in no
 * validation error and suggested by none: the errors are those of the same operation
 * against a schema where it does not exist.
 *
 * Apollo Server validates against the whole API schema; when that fails, this plugin
 * validates the document again against the caller's schema and puts those errors in place
 * of Apollo's, in the array Apollo answers from. A document invalid for the API schema is
 * invalid for every schema cut from it, so the caller's errors are never empty then. An
 * operation valid for the API schema is left to the field policy. Results are kept per
 * agency schema and document text; valid documents cost nothing more.
 */
export function useAgencyValidation(agencySchema: (principal: Principal) => Promise<GraphQLSchema | null>): ApolloServerPlugin<CallerContext> {
  const results = new WeakMap<GraphQLSchema, LRUCache<string, readonly GraphQLError[]>>();
  return {
    async requestDidStart({ contextValue }) {
      return {
        async validationDidStart({ document, queryHash }) {
          // Apollo does not wait for the end hook: the schema is found here, the errors replaced there, at once.
          const schema = (await agencySchema(contextValue.principal).catch(() => null)) ?? NOTHING_VISIBLE;
          return async (errors) => {
            if (!errors || errors.length === 0) return;
            let bySource = results.get(schema);
            if (!bySource) results.set(schema, (bySource = new LRUCache({ max: 5_000 })));
            let own = bySource.get(queryHash);
            if (!own) {
              own = validate(schema, document);
              bySource.set(queryHash, own);
            }
            // Apollo answers from the array it passes here, so the caller's errors replace its own in place.
            if (own.length > 0) (errors as Error[]).splice(0, errors.length, ...own);
          };
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLBoolean, GraphQLObjectType, GraphQLSchema, validate, type DocumentNode, type GraphQLError, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CallerContext, Principal } from '@intel-gateway/shared';

/**
 * What a caller who may query no field validates against: a schema needs one field, and
 * this one is named so that no API field is near it (no suggestion can point anywhere).
 */
const NOTHING_VISIBLE = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { _: { type: GraphQLBoolean } } }) });

/** The Apollo Server settings and plugin that validate each operation against its caller's schema. */
export interface AgencyValidation {
  /** Add to ApolloServer's `validationRules`: fails Apollo's validation whenever the caller's fails. */
  rule: ValidationRule;
  plugin: ApolloServerPlugin<CallerContext>;
}

/**
 * Validates every operation against its caller's own agency schema (see agencySchema.ts),
 * so that a type, field, argument or enum value the caller may not see answers exactly as
 * one that does not exist: same message, no name of the hidden thing, no suggestion of it.
 *
 * Apollo Server validates against the whole API schema, once per document text. So Apollo
 * runs with no document cache (`documentStore: null`: every request is validated), the
 * caller's validation runs when Apollo's starts, `rule` makes Apollo's fail when the
 * caller's does, and when Apollo's ends with errors they are replaced, in place, by the
 * caller's (Apollo answers from that same array). A document is valid for a caller's schema
 * only if it is valid for the API schema it is cut from, so the caller's errors are never
 * empty when Apollo's are not. Results are kept per agency schema and document text.
 */
export function useAgencyValidation(agencySchema: (principal: Principal) => Promise<GraphQLSchema | null>): AgencyValidation {
  const results = new WeakMap<GraphQLSchema, LRUCache<string, readonly GraphQLError[]>>();
  const pending = new WeakMap<DocumentNode, readonly GraphQLError[]>();

  const validateFor = (schema: GraphQLSchema, document: DocumentNode, queryHash: string): readonly GraphQLError[] => {
    let bySource = results.get(schema);
    if (!bySource) results.set(schema, (bySource = new LRUCache({ max: 5_000 })));
    let errors = bySource.get(queryHash);
    if (!errors) {
      errors = validate(schema, document);
      bySource.set(queryHash, errors);
    }
    return errors;
  };

  return {
    rule: (context) => {
      for (const error of pending.get(context.getDocument()) ?? []) context.reportError(error);
      return {};
    },
    plugin: {
      async requestDidStart({ contextValue }) {
        return {
          async validationDidStart({ document, queryHash }) {
            const schema = (await agencySchema(contextValue.principal).catch(() => null)) ?? NOTHING_VISIBLE;
            const own = validateFor(schema, document, queryHash);
            if (own.length > 0) pending.set(document, own);
            return async (errors) => {
              pending.delete(document);
              // Apollo answers from the array it passes here, so the caller's errors replace its own in place.
              if (errors && own.length > 0) (errors as Error[]).splice(0, errors.length, ...own);
            };
          },
        };
      },
    },
  };
}

import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  type DocumentNode,
  GraphQLBoolean,
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { CallerContext, Principal } from '@intel-gateway/shared/identity';
import { refusalWithAllErrors } from '../refusalWithAllErrors';

/**
 * What a caller who may query no field validates against: a schema needs one field, and
 * this one is named so that no API field is near it (no suggestion can point anywhere).
 */
const NOTHING_VISIBLE = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { _: { type: GraphQLBoolean } } }) });

/**
 * An operation of a type the schema lacks (a mutation, for a caller whose schema has no
 * mutation field) is invalid. graphql-js 16 has no such rule (its executor refuses it
 * later), so without it a mutation would pass a schema without mutations unchecked. The
 * wording is graphql-js 17's `KnownOperationTypesRule`.
 */
const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }));
    }
  },
});
const CALLER_RULES = [...specifiedRules, knownOperationTypes];

/**
 * One of the caller's validation errors as Apollo Server answers a validation error (its
 * own `ValidationError`, which it does not export): code GRAPHQL_VALIDATION_FAILED, HTTP
 * 400, same message, locations and extensions, so the answer is the same bytes.
 */
function asApolloValidationError(error: GraphQLError): GraphQLError {
  const apollo = new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    extensions: {
      http: { status: 400, headers: new HeaderMap() },
      ...error.extensions,
      code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
    },
    originalError: error.originalError ?? error,
  });
  apollo.name = 'ValidationError';
  return apollo;
}

/**
 * Validates every operation against its caller's own agency schema (see agencySchema.ts),
 * so that a type, field, argument or enum value the caller may not see answers exactly as
 * one that does not exist: same status, same message, no name of the hidden thing, no
 * suggestion of it, and nothing planned or fetched.
 *
 * Apollo Server validates against the whole API schema, once per document text (its
 * document cache). This plugin adds the caller's validation, kept per agency schema (one
 * per policy version and subject) and document hash, so a valid operation costs one cache
 * lookup more:
 * - a document invalid for the API schema (invalid for every schema cut from it, so the
 *   caller's errors are never empty then): Apollo's errors are replaced, in place, by the
 *   caller's, in the array Apollo answers from;
 * - a document valid for the API schema but not for the caller's: refused when the
 *   operation is resolved, first among the plugins (before trusted documents and operation
 *   limits, so that nothing else answers first), with the caller's errors in the form and
 *   status Apollo gives validation errors. Apollo refuses a mutation sent over GET (405)
 *   before that point, where a nonexistent field would have failed validation (400): so a
 *   GET operation is checked as soon as its text is known, and one the caller's schema
 *   refuses is carried on as a POST, to be refused as invalid like any other (it never runs).
 */
export function useAgencyValidation(
  agencySchema: (principal: Principal) => Promise<GraphQLSchema | null>,
): ApolloServerPlugin<CallerContext> {
  const results = new WeakMap<GraphQLSchema, LRUCache<string, readonly GraphQLError[]>>();
  const errorsFor = (schema: GraphQLSchema, document: DocumentNode, queryHash: string): readonly GraphQLError[] => {
    let byDocument = results.get(schema);
    if (!byDocument) results.set(schema, (byDocument = new LRUCache({ max: 5_000 })));
    let own = byDocument.get(queryHash);
    if (!own) {
      own = validate(schema, document, CALLER_RULES);
      byDocument.set(queryHash, own);
    }
    return own;
  };
  return {
    async requestDidStart({ contextValue }) {
      // Found now, so that the hooks below decide synchronously (Apollo does not await the end hook, and the first refusal wins).
      const schema = (await agencySchema(contextValue.principal).catch(() => null)) ?? NOTHING_VISIBLE;
      /** The caller's errors, once its valid-for-the-API operation is refused. */
      const refusal = refusalWithAllErrors();
      return {
        async didResolveSource({ source, queryHash, request }) {
          if (request.http?.method !== 'GET') return;
          let own = results.get(schema)?.get(queryHash);
          if (!own) {
            try {
              own = errorsFor(schema, parse(source), queryHash);
            } catch {
              return; // Apollo answers the syntax error itself, the same for every caller.
            }
          }
          if (own.length > 0) request.http.method = 'POST';
        },
        async validationDidStart({ document, queryHash }) {
          return async (errors) => {
            if (!errors || errors.length === 0) return;
            const own = errorsFor(schema, document, queryHash);
            // Apollo answers from the array it passes here, so the caller's errors replace its own in place.
            if (own.length > 0) (errors as Error[]).splice(0, errors.length, ...own);
          };
        },
        didResolveOperation({ document, queryHash }) {
          const own = errorsFor(schema, document, queryHash);
          if (own.length === 0) return Promise.resolve();
          return Promise.reject(refusal.refuse(own.map(asApolloValidationError)));
        },
        async didEncounterErrors({ errors }) {
          refusal.restore(errors);
        },
      };
    },
  };
}

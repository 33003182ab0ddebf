import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { measureOperation, type OperationMeasure } from './measureOperation';

/** Limits on one operation; every one is configurable, and the defaults are safe. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  /** Lexical tokens in the operation text; enforced by the parser, before anything else. */
  maxTokens: number;
  maxCost: number;
  /** Size assumed for a list with no `first`/`last` argument and no `@listSize(assumedSize:)` in its subgraph. */
  defaultListSize: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 10,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 50_000,
  defaultListSize: 10,
};

const checks: { measure: keyof OperationMeasure; limit: keyof OperationLimits; code: string; what: string }[] = [
  { measure: 'depth', limit: 'maxDepth', code: ErrorCode.OPERATION_TOO_DEEP, what: 'nesting depth' },
  { measure: 'aliases', limit: 'maxAliases', code: ErrorCode.TOO_MANY_ALIASES, what: 'aliases' },
  { measure: 'rootFields', limit: 'maxRootFields', code: ErrorCode.TOO_MANY_ROOT_FIELDS, what: 'root fields' },
  { measure: 'directives', limit: 'maxDirectives', code: ErrorCode.TOO_MANY_DIRECTIVES, what: 'directives' },
  { measure: 'cost', limit: 'maxCost', code: ErrorCode.OPERATION_TOO_COSTLY, what: 'estimated cost' },
];

/**
 * Refuses an operation over any limit before it is planned, so nothing is fetched for it.
 * The error names the limit, the operation's value and the maximum, with a stable code and
 * HTTP 400. Measuring is linear in the document and stops at the first limit passed.
 * `assumedListSizes` gives, for the schema being served, each list field's assumed size
 * (`Type.field` → size, from the supergraph's `@listSize`).
 */
export function useOperationLimits(limits: OperationLimits, assumedListSizes: (schema: GraphQLSchema) => ReadonlyMap<string, number> | undefined = () => undefined): ApolloServerPlugin<BaseContext> {
  const stopAt: Partial<OperationMeasure> = { depth: limits.maxDepth, aliases: limits.maxAliases, rootFields: limits.maxRootFields, directives: limits.maxDirectives, cost: limits.maxCost };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has already refused a document without a resolvable operation.
          const sizes = assumedListSizes(schema);
          const measured = measureOperation(schema, document, operation, request.variables ?? {}, {
            defaultListSize: limits.defaultListSize,
            ...(sizes ? { assumedListSize: (type: string, field: string) => sizes.get(`${type}.${field}`) } : {}),
            limits: stopAt,
          });
          for (const check of checks) {
            const value = measured[check.measure];
            const max = limits[check.limit];
            if (value > max) {
              throw new GraphQLError(`Operation refused: ${check.what} ${value} is over the limit of ${max}.`, {
                extensions: { code: check.code, limit: max, value, http: { status: 400 } },
              });
            }
          }
        },
      };
    },
  };
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import { measureOperation, type OperationMeasure } from './measureOperation';
import { normalizeOperation, OperationTooLarge } from './normalizeOperation';

/** Limits on one operation; every one is configurable, and the defaults are safe. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  /** Aliases on and inside introspection (see OperationMeasure.introspectionAliases). */
  maxIntrospectionAliases: number;

  maxRootFields: number;
  maxDirectives: number;
  /** Lexical tokens in the operation text; enforced by the parser, before anything else. */
  maxTokens: number;
  maxCost: number;
  /** Selections visited while merging the operation's fragments (see normalizeOperation): bounds a fan-out of fragments that costs nothing else. */
  maxSelections: number;
  /** Size assumed for a list with no `first`/`last` argument and no `@listSize(assumedSize:)` in its subgraph. */
  defaultListSize: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxIntrospectionAliases: 0,
  maxRootFields: 10,
  maxDirectives: 20,
  maxTokens: 2_000,
  maxCost: 50_000,
  maxSelections: 10_000,
  defaultListSize: 10,
};

const checks: { measure: keyof OperationMeasure; limit: keyof OperationLimits; code: ErrorCode; what: string }[] = [
  { measure: 'depth', limit: 'maxDepth', code: ErrorCode.OPERATION_TOO_DEEP, what: 'nesting depth' },
  { measure: 'aliases', limit: 'maxAliases', code: ErrorCode.TOO_MANY_ALIASES, what: 'aliases' },
  { measure: 'introspectionAliases', limit: 'maxIntrospectionAliases', code: ErrorCode.TOO_MANY_ALIASES, what: 'aliases in introspection' },
  { measure: 'rootFields', limit: 'maxRootFields', code: ErrorCode.TOO_MANY_ROOT_FIELDS, what: 'root fields' },
  { measure: 'directives', limit: 'maxDirectives', code: ErrorCode.TOO_MANY_DIRECTIVES, what: 'directives' },
  { measure: 'cost', limit: 'maxCost', code: ErrorCode.OPERATION_TOO_COSTLY, what: 'estimated cost' },
];

/**
 * Refuses an operation over any limit before it is planned, so nothing is fetched for it.
 * The error names the limit, the operation's value and the maximum, with a stable code and
 * HTTP 400. Measuring is linear in the document and stops at the first limit passed. The
 * operation then goes on with its fragments merged (normalizeOperation), within maxSelections.
 * `assumedListSizes` gives, for the schema being served, each list field's assumed size
 * (`Type.field` → size, from the supergraph's `@listSize`).
 */
export function useOperationLimits(
  limits: OperationLimits,
  assumedListSizes: (schema: GraphQLSchema) => ReadonlyMap<string, number> | undefined = () => undefined,
): ApolloServerPlugin<BaseContext> {
  const stopAt: Partial<OperationMeasure> = {
    depth: limits.maxDepth,
    aliases: limits.maxAliases,
    introspectionAliases: limits.maxIntrospectionAliases,
    rootFields: limits.maxRootFields,
    directives: limits.maxDirectives,
    cost: limits.maxCost,
  };
  /** Merged form per parsed document; Apollo hands the same parsed document to every request with the same text and schema. */
  const normalized = new WeakMap<DocumentNode, DocumentNode>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          const { schema, document, operation, request } = requestContext;
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
              throw clientError(check.code, `Operation refused: ${check.what} ${value} is over the limit of ${max}.`, {
                extensions: { limit: max, value, http: { status: 400 } },
              });
            }
          }
          let merged = normalized.get(document);
          if (!merged) {
            try {
              merged = normalizeOperation(schema, document, limits.maxSelections);
            } catch (error) {
              if (!(error instanceof OperationTooLarge)) throw error;
              throw clientError(
                ErrorCode.OPERATION_TOO_LARGE,
                `Operation refused: its fragments expand to more than ${limits.maxSelections} selections.`,
                { extensions: { limit: limits.maxSelections, http: { status: 400 } } },
              );
            }
            normalized.set(document, merged);
          }
          // Everything after this hook (policy decision, planning, execution, record rules) reads
          // the request's document; handing on the merged form keeps each of them linear. Apollo
          // types the field read-only, but reads it again when it builds the executor's context.
          (requestContext as { document: DocumentNode }).document = merged;
        },
      };
    },
  };
}

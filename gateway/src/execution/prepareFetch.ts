import type { FetchDataRewrite, FetchNode, QueryPlanSelectionNode } from '@apollo/query-planner';
import { type DocumentNode, type GraphQLSchema, isAbstractType, isInterfaceType, isObjectType } from 'graphql';
import { type SubgraphBodyParts, subgraphBodyParts } from '../undiciDataSource';
import { deepMerge, getOwn, needsOwnAccess, setOwn } from './ownKeys';
import { prepareContext, type PreparedContext } from './prepareContext';

type Data = Record<string, unknown>;

/** One fetch of a plan, prepared once: what it sends and how its answer is merged. */
export interface PreparedFetch {
  serviceName: string;
  operation: string;
  operationName: string | undefined;
  document: DocumentNode | undefined;
  /** The fixed parts of its request body, serialized once. */
  bodyParts: SubgraphBodyParts;
  /** The operation's variables this fetch passes on, and whether each needs own-property access. */
  variableUsages: readonly { name: string; careful: boolean }[];
  /** For an entity fetch: the representation of one entity (its `requires` selection), or null when it has none. */
  represent: ((entity: unknown) => Data | null) | null;
  rewriteInput: ((value: unknown) => void) | null;
  rewriteOutput: ((value: unknown) => void) | null;
  /** For a fetch that needs values from its parents' context (`@fromContext`): how they are read and sent. */
  context: PreparedContext | null;
}

/**
 * Whether an object is of a type, as @apollo/gateway's `isObjectOfType` decides it against
 * the supergraph (its `__typename` is the type, or a possible type of it when abstract),
 * with each answer remembered per type pair.
 */
export function createTypeTest(schema: GraphQLSchema): (object: Data, condition: string, whenUntyped: boolean) => boolean {
  const answers = new Map<string, boolean>();
  return (object, condition, whenUntyped) => {
    const typename = object.__typename;
    if (!typename) return whenUntyped;
    if (typename === condition) return true;
    const key = `${String(typename)}\u0000${condition}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      const type = schema.getType(String(typename));
      const conditionType = schema.getType(condition);
      answer =
        !!type &&
        !!conditionType &&
        isAbstractType(conditionType) &&
        (isObjectType(type) || isInterfaceType(type)) &&
        schema.isSubType(conditionType, type);
      answers.set(key, answer);
    }
    return answer;
  };
}

/**
 * Prepares a fetch node: its representation builder (the `requires` selection compiled to a
 * function, as @apollo/gateway's `executeSelectionSet` reads it), its input and output
 * rewrites compiled to functions, and, for a fetch that needs `@fromContext` values
 * (`contextRewrites`), how each entity's values are read from its parents and sent
 * (`prepareContext`). Those variables are only ever the values read: a caller's variable of
 * the same name is not passed on.
 */
export function prepareFetch(node: FetchNode, schema: GraphQLSchema, isOfType: ReturnType<typeof createTypeTest>): PreparedFetch {
  const context = node.contextRewrites && node.contextRewrites.length > 0 ? prepareContext(node, schema, isOfType) : null;
  const passed = (node.variableUsages ?? []).filter((name) => !context?.names.includes(name));
  return {
    serviceName: node.serviceName,
    operation: node.operation,
    operationName: node.operationName,
    document: node.operationDocumentNode,
    bodyParts: subgraphBodyParts(node.operation, node.operationName),
    variableUsages: passed.map((name) => ({ name, careful: needsOwnAccess(name) })),
    represent: node.requires ? compileSelection(node.requires, isOfType) : null,
    rewriteInput: compileRewrites(node.inputRewrites, isOfType),
    rewriteOutput: compileRewrites(node.outputRewrites, isOfType),
    context,
  };
}

function compileSelection(
  selections: readonly QueryPlanSelectionNode[],
  isOfType: ReturnType<typeof createTypeTest>,
): (source: unknown) => Data | null {
  const steps: ((source: Data, result: Data) => boolean)[] = [];
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const key = selection.alias ?? selection.name;
      const careful = needsOwnAccess(key);
      const sub = selection.selections ? compileSelection(selection.selections, isOfType) : null;
      steps.push((source, result) => {
        const value = careful ? getOwn(source, key) : source[key];
        if (value === undefined) return false;
        const picked = Array.isArray(value) ? (sub ? value.map(sub) : value) : sub ? sub(value) : value;
        if (careful) setOwn(result, key, picked);
        else result[key] = picked;
        return true;
      });
    } else if (selection.typeCondition) {
      const condition = selection.typeCondition;
      const sub = compileSelection(selection.selections, isOfType);
      steps.push((source, result) => {
        if (isOfType(source, condition, false)) deepMerge(result, sub(source));
        return true;
      });
    }
  }
  return (source) => {
    if (source === null || source === undefined) return null;
    const result: Data = {};
    for (const step of steps) if (!step(source as Data, result)) return null;
    return result;
  };
}

const FRAGMENT_PREFIX = '... on ';

/** @apollo/gateway's `applyRewrites`, each rewrite compiled to a function once. */
function compileRewrites(
  rewrites: readonly FetchDataRewrite[] | undefined,
  isOfType: ReturnType<typeof createTypeTest>,
): ((value: unknown) => void) | null {
  if (!rewrites || rewrites.length === 0) return null;
  const compiled = rewrites.flatMap((rewrite) => {
    if (rewrite.path.length === 0) return [];
    const parents = rewrite.path.slice(0, -1);
    const field = rewrite.path[rewrite.path.length - 1]!;
    if (field.startsWith(FRAGMENT_PREFIX)) throw new Error(`Unexpected fragment as last element of ${rewrite.path.join(',')}`);
    const change =
      rewrite.kind === 'ValueSetter'
        ? (object: Data) => setOwn(object, field, rewrite.setValueTo)
        : (object: Data) => {
            const value = getOwn(object, field);
            if (value) {
              setOwn(object, rewrite.renameKeyTo, value);
              object[field] = undefined;
            }
          };
    const at = (path: readonly string[], value: unknown): void => {
      if (Array.isArray(value)) {
        for (const element of value) at(path, element);
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      if (path.length === 0) return change(value as Data);
      const [first, ...rest] = path as [string, ...string[]];
      if (first.startsWith(FRAGMENT_PREFIX)) {
        if (isOfType(value as Data, first.slice(FRAGMENT_PREFIX.length), true)) at(rest, value);
      } else {
        at(rest, getOwn(value, first));
      }
    };
    return [(value: unknown) => at(parents, value)];
  });
  return (value) => {
    for (const rewrite of compiled) rewrite(value);
  };
}

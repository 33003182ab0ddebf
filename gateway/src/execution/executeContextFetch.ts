import { GraphQLError } from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { type DenialReason } from '@intel-gateway/shared/policy';
import { forbiddenFieldError } from '../policy/fieldPolicy';
import { subgraphBodyParts } from '../undiciDataSource';
import type { ContextGate } from './contextGate';
import {
  answeredAs,
  type Cursor,
  errorPaths,
  type ExecutionState,
  mergeEntities,
  passedVariables,
  send,
  type SentOperation,
} from './executeFetch';
import { getOwn, setOwn } from './ownKeys';
import type { PreparedContext } from './prepareContext';
import type { PreparedFetch } from './prepareFetch';

type Data = Record<string, unknown>;

/** The most sets of values (aliased `_entities`) one call to a subgraph carries: more go in further calls, so no operation grows with the batch. */
export const MAX_VALUE_SETS_PER_CALL = 50;

/** Entities of one batch that have the same context values, sent together. */
interface ValueSet {
  values: unknown[];
  representations: Data[];
  entityOf: number[];
}

/**
 * Runs a prepared entity fetch whose operation takes values from each entity's parents'
 * context (`@fromContext`). Each entity's values are read from its own chain of parents
 * (never from another entity's), and the entities are grouped by the values they carry: when
 * every entity of the batch has the same values, the prepared operation goes with them as
 * its variables; otherwise one call sends one `_entities`, aliased `_<g>`, per set of values
 * (at most MAX_VALUE_SETS_PER_CALL sets a call, more in further calls), each with only its
 * own entities' representations and its own variables, and each answer
 * (and each error's path) goes back to the entity it was sent for. A value that does not
 * reach (no parent of the type, the field absent) is not sent; an entity whose value for a
 * non-null argument is missing, or (under the field policy) whose value comes from a field
 * the caller may not read, is sent without its values: in the operation without the fields
 * that take them (prepared once), with an error at each such field's path or its own.
 */
export async function executeContextFetch(state: ExecutionState, fetch: PreparedFetch, cursor: Cursor): Promise<void> {
  const context = fetch.context!;
  const source = state.dataSourceOf(fetch.serviceName);
  if (!source) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const chains = entityChains(state.data, cursor.path);
  if (chains.length < 1) return;
  const entities = chains.map((chain) => chain[chain.length - 1]!);
  const denials = state.contextGate ? await denialsOf(state.contextGate, context.sources) : null;
  let refused: { index: number; reason: DenialReason }[] | undefined;
  const sets = new Map<string, ValueSet>();
  let missing: number[] | undefined;
  for (let index = 0; index < chains.length; index++) {
    const representation = fetch.represent!(entities[index]);
    if (!representation || !representation.__typename) continue;
    const reason =
      denials &&
      context
        .applying(chains[index]!)
        .reduce<DenialReason | null>((found, applies, rewrite) => found ?? (applies ? denials[rewrite]! : null), null);
    if (reason) {
      (refused ??= []).push({ index, reason });
      continue;
    }
    const values = context.valuesOf(chains[index]!);
    if (context.required.some((required, at) => required && (values[at] === undefined || values[at] === null))) {
      (missing ??= []).push(index);
      continue;
    }
    fetch.rewriteInput?.(representation);
    const key = JSON.stringify(values.map((value) => (value === undefined ? 0 : [value])));
    let set = sets.get(key);
    if (!set) sets.set(key, (set = { values, representations: [], entityOf: [] }));
    set.representations.push(representation);
    set.entityOf.push(index);
  }
  if (missing) reportMissing(state, fetch, cursor, missing);
  if (refused) reportRefused(state, fetch, cursor, entities, refused);
  const leftOut = [...(missing ?? []), ...(refused ?? []).map(({ index }) => index)].sort((a, b) => a - b);
  const groups = [...sets.values()];
  const calls: Promise<void>[] = [sendBare(state, fetch, cursor, entities, leftOut)];
  for (let at = 0; at < groups.length; at += MAX_VALUE_SETS_PER_CALL)
    calls.push(sendWithValues(state, fetch, cursor, entities, groups.slice(at, at + MAX_VALUE_SETS_PER_CALL)));
  await Promise.all(calls);
}

/** The entities sent with their values in one call: one `_entities` when they all have the same, else one per set. */
async function sendWithValues(
  state: ExecutionState,
  fetch: PreparedFetch,
  cursor: Cursor,
  entities: readonly Data[],
  groups: readonly ValueSet[],
): Promise<void> {
  if (groups.length < 1) return;
  const context = fetch.context!;
  const source = state.dataSourceOf(fetch.serviceName)!;
  const variables = passedVariables(state, fetch);
  if (Object.hasOwn(variables, 'representations')) throw new Error('Variables cannot contain key "representations"');
  const entityOf = groups.flatMap((group) => group.entityOf);
  if (groups.length === 1) {
    const [only] = groups as [ValueSet];
    variables.representations = only.representations;
    only.values.forEach((value, at) => value !== undefined && setOwn(variables, context.names[at]!, value));
    const received = await send(state, fetch, source, cursor, variables, entityOf);
    if (received) mergeEntities(fetch, entities, entityOf, answeredAs(received._entities, '_entities', entityOf.length));
    return;
  }
  const offsets: number[] = [];
  groups.forEach((group, g) => {
    offsets.push(g === 0 ? 0 : offsets[g - 1]! + groups[g - 1]!.representations.length);
    setOwn(variables, context.representationsOf(g), group.representations);
    group.values.forEach((value, at) => value !== undefined && setOwn(variables, context.variableOf(at, g), value));
  });
  const operation = context.operationFor(groups.length);
  const sent: SentOperation = {
    operation,
    bodyParts: subgraphBodyParts(operation, fetch.operationName),
    entitiesPath: (path) => {
      const group = typeof path?.[0] === 'string' && /^_\d+$/.test(path[0]) ? Number(path[0].slice(1)) : -1;
      if (!path || group < 0 || group >= groups.length || typeof path[1] !== 'number') return path;
      return ['_entities', offsets[group]! + path[1], ...path.slice(2)];
    },
  };
  const received = await send(state, fetch, source, cursor, variables, entityOf, sent);
  if (!received) return;
  const answered = groups.flatMap((group, g) => answeredAs(getOwn(received, `_${g}`), `_${g}`, group.representations.length));
  mergeEntities(fetch, entities, entityOf, answered);
}

/** The entities not sent with values get the fetch's other fields, through the operation without the fields taking them. */
async function sendBare(
  state: ExecutionState,
  fetch: PreparedFetch,
  cursor: Cursor,
  entities: readonly Data[],
  leftOut: readonly number[],
) {
  const bare = fetch.context!.bare;
  if (!bare || leftOut.length < 1) return;
  const representations = leftOut.map((index) => {
    const representation = fetch.represent!(entities[index])!;
    fetch.rewriteInput?.(representation);
    return representation;
  });
  const variables = { ...passedVariables(state, fetch), representations };
  const sent: SentOperation = { operation: bare, bodyParts: subgraphBodyParts(bare, fetch.operationName), entitiesPath: (path) => path };
  const received = await send(state, fetch, state.dataSourceOf(fetch.serviceName)!, cursor, variables, leftOut, sent);
  if (received) mergeEntities(fetch, entities, leftOut, answeredAs(received._entities, '_entities', leftOut.length));
}

/**
 * The objects at a plan path (`@` for each list), in the order @apollo/gateway's
 * `flattenResultsAtPath` finds them, nulls left out, each as its chain: the objects holding
 * each field of the path, root first, then the object itself (what a context path's `..` climbs).
 */
export function entityChains(root: unknown, path: readonly (string | number)[]): Data[][] {
  const chains: Data[][] = [];
  const walk = (value: unknown, at: number, holders: Data[]): void => {
    if (value === null || value === undefined) return;
    if (at === path.length) {
      if (!Array.isArray(value)) chains.push([...holders, value as Data]);
      else for (const element of value) if (element !== null && element !== undefined) chains.push([...holders, element as Data]);
      return;
    }
    const step = path[at];
    if (step === '@') {
      if (Array.isArray(value)) for (const element of value) walk(element, at + 1, holders);
    } else if (typeof step === 'string' && typeof value === 'object' && !Array.isArray(value)) {
      walk(getOwn(value, step), at + 1, [...holders, value as Data]);
    }
  };
  walk(root, 0, []);
  return chains;
}

/** Why the caller may not read each rewrite's fields (the reason of the first denied field of its path), or null when all may be read. */
async function denialsOf(gate: ContextGate, sources: PreparedContext['sources']): Promise<(DenialReason | null)[] | null> {
  const denials = await Promise.all(
    sources.map(async (fields) => (await Promise.all(fields.map(({ type, field }) => gate(type, field)))).find((reason) => reason) ?? null),
  );
  return denials.some((reason) => reason) ? denials : null;
}

/** Each field that would take a value the caller may not read is refused at its path, as a denied field is; the entity is not sent. */
function reportRefused(
  state: ExecutionState,
  fetch: PreparedFetch,
  cursor: Cursor,
  entities: readonly Data[],
  refused: readonly { index: number; reason: DenialReason }[],
): void {
  const context = fetch.context!;
  const pathOf = errorPaths(
    state.data,
    cursor,
    refused.map(({ index }) => index),
  );
  refused.forEach(({ index, reason }, at) => {
    const path = pathOf(['_entities', at]) ?? [];
    for (const taker of context.takersOf(entities[index]!))
      state.errors.push(forbiddenFieldError(`${taker.type}.${taker.field}`, reason, [...path, taker.key]));
  });
}

function reportMissing(state: ExecutionState, fetch: PreparedFetch, cursor: Cursor, missing: readonly number[]): void {
  const pathOf = errorPaths(state.data, cursor, missing);
  missing.forEach((_, at) => {
    state.errors.push(
      new GraphQLError(`A value subgraph "${fetch.serviceName}" needs from a parent's context (@fromContext) is missing.`, {
        path: pathOf(['_entities', at]),
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, serviceName: fetch.serviceName },
      }),
    );
  });
}

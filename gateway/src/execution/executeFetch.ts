import { errorCodeDef, ERRORS } from '@apollo/federation-internals';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { SUBGRAPH_BODY_PARTS, type SubgraphBodyParts } from '../undiciDataSource';
import type { ContextGate } from './contextGate';
import { deepMerge, getOwn, setOwn } from './ownKeys';
import type { PreparedFetch } from './prepareFetch';

type Data = Record<string, unknown>;
type ResponsePath = (string | number)[];

/** One request's execution: its context, the data gathered so far and the errors met. */
export interface ExecutionState {
  requestContext: GatewayGraphQLRequestContext;
  /** The data source of a subgraph, as the gateway built it (our undici data source). */
  dataSourceOf: (serviceName: string) => GraphQLDataSource | undefined;
  /** The whole response's data as gathered so far (the root of every cursor). */
  data: Data;
  errors: Error[];
  /** Under a field policy: whether a value read from a parent's context may be passed on (see `createContextGate`). */
  contextGate?: ContextGate;
}

/** Where a plan node works: its path in the response (with `@` for each list) and the objects found there. */
export interface Cursor {
  path: ResponsePath;
  data: unknown;
}

/**
 * Runs one prepared fetch at a cursor, as @apollo/gateway's `executeFetch` does: one call
 * for all the entities of the node (their representations batched), the answer merged into
 * each entity, and each subgraph error re-pathed to where it belongs in the response
 * (`_entities` indexes mapped to each entity's path).
 */
export async function executeFetch(state: ExecutionState, fetch: PreparedFetch, cursor: Cursor): Promise<void> {
  const source = state.dataSourceOf(fetch.serviceName);
  if (!source) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities: Data[] = Array.isArray(cursor.data)
    ? (cursor.data.filter((entity) => entity !== null && entity !== undefined) as Data[])
    : [cursor.data as Data];
  if (entities.length < 1) return;
  const variables = passedVariables(state, fetch);
  if (!fetch.represent) {
    const received = await send(state, fetch, source, cursor, variables, null);
    if (received) fetch.rewriteOutput?.(received);
    for (const entity of entities) deepMerge(entity, received);
    return;
  }
  const { representations, entityOf, sharers } = representationsOf(fetch.represent, fetch.rewriteInput, entities);
  if (representations.length < 1) return;
  if (Object.hasOwn(variables, 'representations')) throw new Error('Variables cannot contain key "representations"');
  variables.representations = representations;
  const received = await send(state, fetch, source, cursor, variables, entityOf, undefined, sharers);
  if (!received) return;
  mergeEntities(fetch, entities, entityOf, answeredAs(received._entities, '_entities', representations.length), sharers);
}

/** The representations of one entity fetch, each sent once however many entities of the batch have it. */
interface Representations {
  representations: Data[];
  /** The first entity each representation was made for. */
  entityOf: number[];
  /** The other entities with the same representation as the i-th, when there are any. */
  sharers: Map<number, number[]> | undefined;
}

/**
 * Each entity's representation (its `requires` selection, input rewrites applied), an entity
 * without one left out, and equal representations sent once: the deeper levels of a nested
 * operation meet the same entity many times over (the benchmark's query sends one product
 * 96 times at its deepest level), and each copy would cost bytes, a subgraph's work and a
 * parse. Representations are compared before the input rewrites, which can make two types'
 * equal (an `@interfaceObject` fetch sends both as the interface): entities that share one
 * are of the same type. Each entity still gets its own answer and its own errors (see
 * `mergeEntities`, `send`).
 */
function representationsOf(
  represent: NonNullable<PreparedFetch['represent']>,
  rewriteInput: PreparedFetch['rewriteInput'],
  entities: readonly Data[],
): Representations {
  const representations: Data[] = [];
  const entityOf: number[] = [];
  let sharers: Map<number, number[]> | undefined;
  const sent: SentNode = { next: new Map(), at: undefined };
  for (let index = 0; index < entities.length; index++) {
    const representation = represent(entities[index]);
    if (!representation || !representation.__typename) continue;
    const at = sentBefore(sent, representation, representations.length);
    if (at === undefined) {
      rewriteInput?.(representation);
      representations.push(representation);
      entityOf.push(index);
    } else {
      sharers ??= new Map();
      const others = sharers.get(at);
      if (others) others.push(index);
      else sharers.set(at, [index]);
    }
  }
  return { representations, entityOf, sharers };
}

/** The operation's variables a fetch passes on, as the caller sent them. */
export function passedVariables(state: ExecutionState, fetch: PreparedFetch): Data {
  const variables: Data = {};
  const provided = state.requestContext.request.variables;
  if (provided) {
    for (const { name, careful } of fetch.variableUsages) {
      if (!Object.hasOwn(provided, name) || provided[name] === undefined) continue;
      if (careful) setOwn(variables, name, provided[name]);
      else variables[name] = provided[name];
    }
  }
  return variables;
}

/** A subgraph's list of answered entities under `key`, checked to hold one answer per representation sent. */
export function answeredAs(answered: unknown, key: string, sent: number): unknown[] {
  if (!Array.isArray(answered)) throw new Error(`Expected "data.${key}" in response to be an array`);
  if (answered.length !== sent) throw new Error(`Expected "data.${key}" to contain ${sent} elements`);
  return answered;
}

/** A trie of the representations sent so far: each level one field's name or value, in order. */
interface SentNode {
  next: Map<unknown, SentNode>;
  /** The index of the representation that ends here. */
  at: number | undefined;
}

function child(node: SentNode, key: unknown): SentNode {
  let found = node.next.get(key);
  if (!found) node.next.set(key, (found = { next: new Map(), at: undefined }));
  return found;
}

/**
 * The index of an equal representation sent before (same field names and values in the same
 * order, so the same JSON), or undefined after noting this one as `index`. A representation
 * holding an object (a composite key) is never matched: it is simply sent. Map lookups by
 * value, with no key string built, keep this to tens of nanoseconds a representation.
 */
function sentBefore(sent: SentNode, representation: Data, index: number): number | undefined {
  for (const name in representation) {
    const value = representation[name];
    if (typeof value === 'object' && value !== null) return undefined;
  }
  let node = sent;
  for (const name in representation) node = child(child(node, name), representation[name]);
  if (node.at !== undefined) return node.at;
  node.at = index;
  return undefined;
}

/**
 * Merges the i-th answer into the entity its representation was sent for (`entityOf[i]`),
 * and a copy of it into each entity that shares that representation, so no two entities
 * share an object a later fetch would merge into.
 */
export function mergeEntities(
  fetch: PreparedFetch,
  entities: readonly Data[],
  entityOf: readonly number[],
  answered: readonly unknown[],
  sharers?: ReadonlyMap<number, readonly number[]>,
): void {
  for (let index = 0; index < answered.length; index++) {
    const entity = entities[entityOf[index]!]!;
    const answer = answered[index] as Data | null;
    if (answer && !answer.__typename) answer.__typename = entity.__typename;
    fetch.rewriteOutput?.(answer);
    const others = sharers?.get(index);
    if (others) for (const other of others) deepMerge(entities[other]!, answer, true);
    deepMerge(entity, answer);
  }
}

/** What a fetch sends when not its prepared operation (a batch with one `_entities` per set of context values), and how its errors' paths read. */
export interface SentOperation {
  operation: string;
  bodyParts: SubgraphBodyParts;
  /** An error's path in the operation sent, as the path it would have in the prepared one (`_entities.<i>`). */
  entitiesPath: (path: readonly (string | number)[] | undefined) => readonly (string | number)[] | undefined;
}

/** Sends a fetch's operation (or `sent`, another one) and puts the subgraph's errors, each at its path in the response, in the state. */
export async function send(
  state: ExecutionState,
  fetch: PreparedFetch,
  source: GraphQLDataSource,
  cursor: Cursor,
  variables: Data,
  entityOf: readonly number[] | null,
  sent?: SentOperation,
  /** The other entities of each representation sent (see `representationsOf`): each gets the error too. */
  sharers?: ReadonlyMap<number, readonly number[]>,
): Promise<Data | null | undefined> {
  const { requestContext } = state;
  const options = {
    kind: 'incoming operation',
    request: { query: sent?.operation ?? fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: requestContext,
    context: requestContext.context,
    document: sent ? undefined : fetch.document,
    pathInIncomingRequest: cursor.path,
    [SUBGRAPH_BODY_PARTS]: sent?.bodyParts ?? fetch.bodyParts,
  } as unknown as GraphQLDataSourceProcessOptions;
  const response = await source.process(options);
  if (response.errors) {
    const pathOf = errorPaths(state.data, cursor, entityOf);
    // Each error with the entity it is about (an error about no entity goes with the one before it), so that
    // the errors of entities that shared a representation can be put in entity order, as if each had been sent
    // (the whole call's errors are then in entity order, whatever order the subgraph gave).
    const located: { entity: number; error: GraphQLError }[] = [];
    let entity = -1;
    for (const error of response.errors) {
      const original = sent ? { ...error, path: sent.entitiesPath(error.path) } : error;
      const index = original.path?.[1];
      if (typeof index === 'number') entity = entityOf?.[index] ?? entity;
      located.push({ entity, error: downstreamError(original, fetch.serviceName, pathOf(original.path)) });
      const others = typeof index === 'number' ? sharers?.get(index) : undefined;
      if (others)
        for (const other of others)
          located.push({ entity: other, error: downstreamError(original, fetch.serviceName, pathOf(original.path, other)) });
    }
    if (sharers) located.sort((a, b) => a.entity - b.entity);
    for (const { error } of located) state.errors.push(error);
    if (!response.extensions?.ftv1 && requestContext.metrics) {
      const paths = response.errors.map((error) => ({ subgraph: fetch.serviceName, path: error.path }));
      if (requestContext.metrics.nonFtv1ErrorPaths) requestContext.metrics.nonFtv1ErrorPaths.push(...paths);
      else requestContext.metrics.nonFtv1ErrorPaths = paths;
    }
  }
  return response.data as Data | null | undefined;
}

/**
 * Where a subgraph error belongs in the response. For an entity fetch, `_entities.<i>` is
 * the i-th representation sent, whose entity's path (or the path of `entity`, one that
 * shares the representation) is found by walking the cursor's path through the data (only
 * when an error came, never per request).
 */
export function errorPaths(
  data: Data,
  cursor: Cursor,
  entityOf: readonly number[] | null,
): (path: readonly (string | number)[] | undefined, entity?: number) => ResponsePath | undefined {
  let entityPaths: ResponsePath[] | undefined;
  return (path, entity) => {
    if (entityOf && typeof path?.[1] === 'number') {
      if (!entityPaths) {
        entityPaths = [];
        hydratePaths([], cursor.path, data, entityPaths);
      }
      const entityIndex = entity ?? entityOf[path[1]];
      return [...((entityIndex !== undefined ? entityPaths[entityIndex] : undefined) ?? []), ...path.slice(2)];
    }
    return path ? [...cursor.path, ...path] : undefined;
  };
}

/** @apollo/gateway's `generateHydratedPaths`: the concrete path of every non-null object at a path with `@`. */
function hydratePaths(parent: ResponsePath, path: readonly (string | number)[], data: unknown, result: ResponsePath[]): void {
  if (data === null || data === undefined) return;
  const head = path[0];
  if (head === undefined) {
    result.push(parent.slice());
  } else if (head === '@') {
    if (!Array.isArray(data)) throw new Error('expected array when encountering `@`');
    data.forEach((value, index) => {
      parent.push(index);
      hydratePaths(parent, path.slice(1), value, result);
      parent.pop();
    });
  } else if (Array.isArray(data)) {
    data.forEach((value, index) => {
      parent.push(index);
      hydratePaths(parent, path, value, result);
      parent.pop();
    });
  } else if (typeof head === 'string' && typeof data === 'object' && Object.hasOwn(data, head)) {
    parent.push(head);
    hydratePaths(parent, path.slice(1), getOwn(data, head), result);
    parent.pop();
  }
}

/** @apollo/gateway's `downstreamServiceError`: the subgraph's error at its path in the response, naming the subgraph. */
function downstreamError(original: GraphQLFormattedError, serviceName: string, path: ResponsePath | undefined): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const options = { originalError: original as Error, path, extensions: { ...original.extensions, serviceName } };
  const codeDef = errorCodeDef(original);
  if (!codeDef && original.extensions?.code) return new GraphQLError(message, options);
  return (codeDef ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}

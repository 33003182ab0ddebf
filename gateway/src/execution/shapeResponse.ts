import { ERRORS } from '@apollo/federation-internals';
import {
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  isCompositeType,
  isInputType,
  isObjectType,
  type OperationDefinitionNode,
  typeFromAST,
  valueFromAST,
} from 'graphql';
import { createSelectionCompiler, type Selection } from './compileSelections';
import { COMPOSITE, LIST, NON_NULL, type Shape } from './outputShape';
import { getOwn, setOwn } from './ownKeys';

/** The shaped response of one request: its data, and the value-completion errors found making it. */
export interface ShapedResponse {
  data: Record<string, unknown> | null;
  errors: GraphQLError[];
}

/**
 * Per-object work contributed to the shaping pass, so that it needs no walk of its own (the
 * policy's record rules, see `createEnforcingVisitor`): a frame for each object the work
 * reaches, entered as the pass starts that object, parents first. The pass only calls it.
 */
export interface ShapeVisitor<Frame extends object = object> {
  /** The frame of the response's root object. */
  root(output: Record<string, unknown>): Frame;
  /**
   * The frame of an object below `parent`'s (at `path`, as the pass fills `output` from
   * `input`), or null when the work has nothing there. `again` when the pass started this
   * object before (the same response key selected again in another fragment).
   */
  enter(
    parent: Frame,
    path: readonly (string | number)[],
    input: Record<string, unknown>,
    output: Record<string, unknown>,
    again: boolean,
  ): Frame | null;
  /** How much the visitor has entered so far. */
  mark(): number;
  /** Forgets what was entered since `mark`: the pass has replaced it with a null (GraphQL's non-null rules). */
  discard(mark: number): void;
}

/** Turns the data gathered from the subgraphs into the response the operation asked for, calling `visitor` at each object it reaches. */
export type ResponseShaper = (
  input: Record<string, unknown>,
  variables: Record<string, unknown> | undefined,
  visitor?: ShapeVisitor,
) => ShapedResponse;

interface ShapeState {
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  visitor: ShapeVisitor | undefined;
  /** The visitor's frame of the object being shaped; null where the visitor has nothing to do. */
  frame: object | null;
  /** Set by `complete` for its caller: the value is null where null is not allowed (the null bubbles up). */
  invalid: boolean;
  /** Set by `complete` for its caller: an error was already reported for this value. */
  hasErrors: boolean;
}

/**
 * Prepares, once per query plan, how the response of an operation is shaped: for each
 * selection, its response key, its type's completion and its @skip/@include test, with
 * fields and fragments merged as federation-internals normalizes them (see
 * `compileSelections`), so its size is linear in the document's. Applying it is one pass over the gathered data, following
 * @apollo/gateway's `computeResponse` rule for rule (field order as asked, `__typename`
 * from the data or the type, aliases, leaf values checked, nulls propagated to the nearest
 * nullable field with "Cannot return null for non-nullable" errors at their paths), with
 * none of the operation's document walked per request. A visitor given per request (the
 * policy's) does its per-object work in this same pass instead of walking the result again.
 */
export function prepareResponseShape(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): ResponseShaper {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new GraphQLError(`The schema has no ${operation.operation} type.`);
  const variableDefaults: Record<string, unknown> = {};
  let hasDefaults = false;
  for (const definition of operation.variableDefinitions ?? []) {
    if (!definition.defaultValue) continue;
    hasDefaults = true;
    const type = typeFromAST(schema, definition.type);
    if (type && isInputType(type)) variableDefaults[definition.variable.name.value] = valueFromAST(definition.defaultValue, type);
  }

  const compile = createSelectionCompiler(schema, operation, fragments);
  const root = compile(operation.selectionSet.selections, rootType);
  const objectTypes = new Set<string>();
  const compositeTypes = new Set<string>();
  const allTypes = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    allTypes.add(type.name);
    if (isObjectType(type)) objectTypes.add(type.name);
    if (isCompositeType(type)) compositeTypes.add(type.name);
  }

  const describe = (path: (string | number)[], typeLabel: string, parentName: string) => {
    const last = path[path.length - 1];
    return typeof last === 'string' ? `field ${parentName}.${last}` : `array element of type ${typeLabel} at index ${last}`;
  };

  /** @apollo/gateway's `updateOutputValue`: the completed value; `state.invalid` and `state.hasErrors` say how it went. */
  const complete = (
    output: unknown,
    shape: Shape,
    input: unknown,
    selections: Selection[] | undefined,
    state: ShapeState,
    path: (string | number)[],
    parentName: string,
  ): unknown => {
    if (output === null || (output !== undefined && !selections)) {
      state.invalid = false;
      state.hasErrors = false;
      return output;
    }
    if (shape.kind === NON_NULL) {
      const completed = complete(output, shape.of, input, selections, state, path, parentName);
      if (completed === null) {
        if (!state.hasErrors)
          state.errors.push(
            ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describe(path, shape.ofLabel, parentName)}.`, {
              path: [...path],
            }),
          );
        state.invalid = true;
        state.hasErrors = true;
        return null;
      }
      state.invalid = false;
      state.hasErrors = false;
      return completed;
    }
    state.invalid = false;
    state.hasErrors = false;
    if (input === null) return null;
    switch (shape.kind) {
      case LIST: {
        if (!Array.isArray(input))
          throw new Error(`Invalid non-list value ${String(input)} returned by subgraph for list type ${shape.label}`);
        if (output !== undefined && !Array.isArray(output))
          throw new Error(`Invalid non-list value ${String(output)} returned by subgraph for list type ${shape.label}`);
        const length = input.length;
        if (output !== undefined && (output as unknown[]).length !== length)
          throw new Error(`[${String(input)}].length (${length}) !== [${String(output)}].length (${(output as unknown[]).length})`);
        const completed = new Array<unknown>(length);
        const mark = state.frame === null ? 0 : state.visitor!.mark();
        let nullify = false;
        let hasErrors = false;
        for (let index = 0; index < length; index++) {
          path.push(index);
          completed[index] = complete(
            output === undefined ? undefined : (output as unknown[])[index],
            shape.of,
            input[index],
            selections,
            state,
            path,
            parentName,
          );
          path.pop();
          nullify ||= state.invalid;
          hasErrors ||= state.hasErrors;
        }
        state.invalid = false;
        state.hasErrors = hasErrors;
        if (nullify && state.frame !== null) state.visitor!.discard(mark);
        return nullify ? null : completed;
      }
      case COMPOSITE: {
        if (!selections) throw new Error(`Invalid empty selection set for composite type ${shape.label}`);
        if (typeof input !== 'object')
          throw new Error(`Invalid non-object value ${String(input)} returned by subgraph for composite type ${shape.label}`);
        const typename = (input as Record<string, unknown>).__typename;
        if (typename !== undefined && typeof typename !== 'string')
          throw new Error(`Invalid non-string value ${String(typename)} for __typename at ${path.join(',')}`);
        let objectName = shape.label;
        if (typename) {
          if (!compositeTypes.has(typename)) {
            state.errors.push(
              ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describe(path, shape.label, parentName)}.`, {
                path: [...path],
              }),
            );
            state.hasErrors = true;
            return null;
          }
          objectName = typename;
        }
        const object = (output ?? {}) as Record<string, unknown>;
        const outer = state.frame;
        const mark = outer === null ? 0 : state.visitor!.mark();
        if (outer !== null) state.frame = state.visitor!.enter(outer, path, input as Record<string, unknown>, object, output !== undefined);
        const ok = apply(input as Record<string, unknown>, selections, object, state, path, objectName);
        state.frame = outer;
        if (!ok && outer !== null) state.visitor!.discard(mark);
        state.invalid = false;
        state.hasErrors = !ok;
        return ok ? object : null;
      }
      default: {
        const valid = shape.valid(input);
        if (!valid)
          state.errors.push(
            ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describe(path, shape.label, parentName)}.`, { path: [...path] }),
          );
        state.hasErrors = !valid;
        return valid ? input : null;
      }
    }
  };

  /** @apollo/gateway's `applySelectionSet`: false when a null must bubble up past this object. */
  const apply = (
    input: Record<string, unknown>,
    selections: Selection[],
    output: Record<string, unknown>,
    state: ShapeState,
    path: (string | number)[],
    parentName: string,
  ): boolean => {
    for (const selection of selections) {
      if (selection.skip && selection.skip(state.variables)) continue;
      switch (selection.kind) {
        case 'field': {
          const { key, careful } = selection;
          const current = careful ? getOwn(output, key) : output[key];
          const value = (careful ? getOwn(input, key) : input[key]) ?? null;
          path.push(key);
          const completed = complete(current, selection.shape, value, selection.selections, state, path, parentName);
          if (careful) setOwn(output, key, completed);
          else output[key] = completed;
          path.pop();
          if (state.invalid) return false;
          break;
        }
        case 'typename': {
          const { key, careful } = selection;
          if ((careful ? getOwn(output, key) : output[key]) !== undefined) break;
          // The object's own `__typename` chose its fragments; an alias of it (the gateway's included) cannot name another type.
          const value = input.__typename ?? (careful ? getOwn(input, key) : input[key]) ?? null;
          const typename = typeof value === 'string' && allTypes.has(value) ? value : parentName;
          if (!objectTypes.has(typename)) return false;
          if (careful) setOwn(output, key, typename);
          else output[key] = typename;
          break;
        }
        case 'introspection': {
          const { key, careful } = selection;
          if ((careful ? getOwn(output, key) : output[key]) !== undefined) break;
          const value = selection.run(state.variables);
          if (careful) setOwn(output, key, value);
          else output[key] = value;
          break;
        }
        case 'fragment': {
          const typename = input.__typename;
          if (typename && typeof typename !== 'string') throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
          const applies = typename ? selection.applies(typename as string) : selection.appliesStatically;
          if (applies && !apply(input, selection.selections, output, state, path, selection.condition ?? parentName)) return false;
          break;
        }
      }
    }
    return true;
  };

  return (input, variables, visitor) => {
    const data: Record<string, unknown> = {};
    const state: ShapeState = {
      variables: hasDefaults ? { ...variableDefaults, ...variables } : (variables ?? {}),
      errors: [],
      visitor,
      frame: visitor ? visitor.root(data) : null,
      invalid: false,
      hasErrors: false,
    };
    const ok = apply(input, root, data, state, [], rootType.name);
    return { data: ok ? data : null, errors: state.errors };
  };
}

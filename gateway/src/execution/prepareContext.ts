import type { FetchDataKeyRenamer, FetchNode } from '@apollo/query-planner';
import {
  type DocumentNode,
  type FieldNode,
  getNamedType,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  stripIgnoredCharacters,
  visit,
} from 'graphql';
import { ErrorCode } from '@intel-gateway/shared/errors';
import { getOwn } from './ownKeys';

type Data = Record<string, unknown>;
type TypeTest = (object: Data, condition: string, whenUntyped: boolean) => boolean;

/**
 * How an entity fetch that needs values from its parents' context (`@fromContext`, the
 * planner's `contextRewrites`) is run, prepared once with the plan.
 */
export interface PreparedContext {
  /** The operation's variables the values go in (the rewrites' `renameKeyTo`), in the order `valuesOf` gives them. */
  names: readonly string[];
  /** Which of them the subgraph takes as non-null: an entity without a value for one cannot be sent. */
  required: readonly boolean[];
  /**
   * One entity's values, read from `chain`: the objects holding each field of its path, root
   * first, then the entity itself. `undefined` where the context does not reach (a type
   * condition not met, a field absent): that variable is then not sent.
   */
  valuesOf: (chain: readonly Data[]) => unknown[];
  /**
   * Which rewrites apply to an entity's parents (the parent its path climbs to exists and meets
   * the path's leading type conditions), whatever the fields below hold: a denied source of
   * one refuses the entity, so that the refusal does not tell whether the field had a value.
   */
  applying: (chain: readonly Data[]) => boolean[];
  /** The operation for `groups` sets of entities with different values: `_entities` once per set, aliased `_<g>`. */
  operationFor: (groups: number) => string;
  /** The variable of set `group`'s representations. */
  representationsOf: (group: number) => string;
  /** The variable of set `group`'s value of `names[index]`. */
  variableOf: (index: number, group: number) => string;
  /**
   * Every field each rewrite reads along its path, on each object type it can be read on: a
   * caller who may not read one of them may not have the value passed on.
   */
  sources: readonly (readonly Source[])[];
  /**
   * The operation without the fields that take a value (nor their variables), for the
   * entities that are not sent with values (refused, or missing a non-null one): the fetch's
   * other fields are still asked for them. Null when no other field is left.
   */
  bare: string | null;
  /** An entity's fields that take a value (their type, name and response key): what is refused when a source is. */
  takersOf: (entity: Data) => readonly Taker[];
}

/** A field a context value is read through, on one object type. */
export interface Source {
  type: string;
  field: string;
}

const UP = '..';
const FRAGMENT_PREFIX = '... on ';

/** A plan node's context rewrites, refused with this error when they cannot be run. */
export function unsupported(serviceName: string, detail: string): GraphQLError {
  return new GraphQLError(`The operation needs values from a parent's context (@fromContext) for subgraph "${serviceName}": ${detail}.`, {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

/**
 * Prepares a fetch's context rewrites: each `path` (`..` up from the entity, then type
 * conditions and fields, as the Apollo Router reads it) compiled to a reader of the entity's
 * chain of parents, several rewrites of one variable tried in order until one reaches a value;
 * and the operation, parsed once, split into the pieces that write it with one aliased
 * `_entities` per set of values, for the batches whose entities do not all share them.
 */
export function prepareContext(node: FetchNode, schema: GraphQLSchema, isOfType: TypeTest): PreparedContext {
  const rewrites = node.contextRewrites ?? [];
  const names = [...new Set(rewrites.map((rewrite) => rewrite.renameKeyTo))];
  const readers = names.map((name) =>
    rewrites.flatMap((rewrite) => (rewrite.renameKeyTo === name ? [compileReader(node.serviceName, rewrite, isOfType)] : [])),
  );
  const applies = rewrites.map((rewrite) => compileApplies(rewrite, isOfType));
  const document = node.operationDocumentNode ?? parse(node.operation);
  const template = operationTemplate(node.serviceName, document, names);
  const sources = rewrites.map(({ path }) => sourcesOf(node.serviceName, schema, path));
  return {
    names,
    sources,
    bare: bareOperation(document, names),
    takersOf: (entity) => template.takers.filter((taker) => isOfType(entity, taker.type, true)),
    required: template.required,
    applying: (chain) => applies.map((test) => test(chain)),
    valuesOf: (chain) =>
      readers.map((tries) => {
        for (const read of tries) {
          const value = read(chain);
          if (value !== undefined) return value;
        }
        return undefined;
      }),
    ...template.writer,
  };
}

function compileApplies(rewrite: FetchDataKeyRenamer, isOfType: TypeTest): (chain: readonly Data[]) => boolean {
  let ups = 0;
  while (rewrite.path[ups] === UP) ups++;
  const conditions: string[] = [];
  for (let at = ups; rewrite.path[at]?.startsWith(FRAGMENT_PREFIX); at++) conditions.push(rewrite.path[at]!.slice(FRAGMENT_PREFIX.length));
  return (chain) => {
    const parent = chain[chain.length - 1 - ups];
    return parent !== undefined && conditions.every((condition) => isOfType(parent, condition, false));
  };
}

function compileReader(serviceName: string, rewrite: FetchDataKeyRenamer, isOfType: TypeTest): (chain: readonly Data[]) => unknown {
  let ups = 0;
  while (rewrite.path[ups] === UP) ups++;
  const steps = rewrite.path.slice(ups);
  if (steps.includes(UP)) throw unsupported(serviceName, `unexpected context path ${rewrite.path.join(',')}`);
  const read = (value: unknown, index: number): unknown => {
    if (value === undefined || value === null || index === steps.length) return value;
    if (Array.isArray(value)) return value.map((element) => read(element, index) ?? null);
    if (typeof value !== 'object') return undefined;
    const step = steps[index]!;
    if (step.startsWith(FRAGMENT_PREFIX))
      return isOfType(value as Data, step.slice(FRAGMENT_PREFIX.length), false) ? read(value, index + 1) : undefined;
    return read(getOwn(value, step), index + 1);
  };
  return (chain) => {
    const start = chain.length - 1 - ups;
    return start < 0 ? undefined : read(chain[start], 0);
  };
}

/**
 * The fields a context path reads, each on every object type it can be read on: the parent
 * type of each field step follows from the type condition before it, or from the named type
 * of the field before it. A path whose types cannot be resolved against the schema is refused.
 */
function sourcesOf(serviceName: string, schema: GraphQLSchema, path: readonly string[]): Source[] {
  const steps = path.filter((step) => step !== UP);
  const sources: Source[] = [];
  let parent: GraphQLNamedType | null = null;
  for (const step of steps) {
    if (step.startsWith(FRAGMENT_PREFIX)) {
      const condition = schema.getType(step.slice(FRAGMENT_PREFIX.length));
      if (!condition || !isCompositeType(condition))
        throw unsupported(serviceName, `the type of context path ${path.join(',')} is unknown`);
      parent = condition;
      continue;
    }
    const field: GraphQLField<unknown, unknown> | undefined =
      parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[step] : undefined;
    if (!parent || !field) throw unsupported(serviceName, `the type holding ${step} in context path ${path.join(',')} is unknown`);
    const holders = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
    for (const holder of holders) sources.push({ type: holder.name, field: step });
    parent = getNamedType(field.type);
  }
  if (sources.length < 1) throw unsupported(serviceName, `context path ${path.join(',')} reads no field`);
  return sources;
}

/** A field of the entity fetch that takes a context value. */
interface Taker {
  type: string;
  field: string;
  key: string;
}

type Writer = Pick<PreparedContext, 'operationFor' | 'representationsOf' | 'variableOf'>;

/**
 * The entity operation (`query($representations:[_Any!]! $ctx:T …){_entities(representations:$representations){…}}`)
 * as pieces: for each set g, `_<g>:_entities(representations:$<p>r<g>)` and its selection
 * with each context variable renamed `$<p>v<i>_<g>`, where `<p>` is a prefix no variable of
 * the operation starts with (a caller's variable cannot take a set's place).
 */
function operationTemplate(
  serviceName: string,
  document: DocumentNode,
  names: readonly string[],
): { required: boolean[]; takers: Taker[]; writer: Writer } {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  const entities = operation?.selectionSet.selections[0];
  if (
    operations.length !== 1 ||
    operation!.selectionSet.selections.length !== 1 ||
    entities?.kind !== Kind.FIELD ||
    entities.name.value !== '_entities' ||
    entities.alias ||
    !entities.selectionSet
  )
    throw unsupported(serviceName, 'its fetch is not one `_entities` selection');
  const definitions = operation!.variableDefinitions ?? [];
  const declared = definitions.map((d) => d.variable.name.value);
  const contextTypes = names.map((name) => definitions.find((d) => d.variable.name.value === name)?.type);
  const representations = definitions.find((d) => d.variable.name.value === 'representations');
  if (!representations || contextTypes.some((type) => !type)) throw unsupported(serviceName, 'its fetch does not declare its variables');
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  if (fragments.some((fragment) => usesAny(fragment, names)))
    throw unsupported(serviceName, 'a fragment of its fetch reads a context value');

  let prefix = 'ctx';
  while (declared.some((name) => name.startsWith(prefix))) prefix += '_';
  let sentinel = 'contextSentinel';
  const printed = print(entities.selectionSet);
  while (printed.includes(sentinel)) sentinel += '_';
  const marked = visit(entities.selectionSet, {
    Variable: (variable) => {
      const index = names.indexOf(variable.name.value);
      return index < 0 ? undefined : { ...variable, name: { ...variable.name, value: `${sentinel}${index}${sentinel}` } };
    },
  });
  // [text, index, text, index, …, text]: the selection's text around each context variable.
  const pieces = stripIgnoredCharacters(print(marked)).split(new RegExp(`\\$${sentinel}(\\d+)${sentinel}`));
  const kept = definitions
    .filter((d) => d !== representations && !names.includes(d.variable.name.value))
    .map((definition) => stripIgnoredCharacters(print(definition)));
  const head = `${operation!.operation}${operation!.name ? ` ${operation!.name.value}` : ''}`;
  const directives = (operation!.directives ?? []).map((directive) => stripIgnoredCharacters(print(directive))).join(' ');
  const tail = fragments.map((fragment) => ` ${stripIgnoredCharacters(print(fragment))}`).join('');
  const representationsType = print(representations.type);
  const contextTypeTexts = contextTypes.map((type) => print(type!));
  const representationsOf = (group: number) => `${prefix}r${group}`;
  const variableOf = (index: number, group: number) => `${prefix}v${index}_${group}`;
  const takers = entities.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition
      ? selection.selectionSet.selections
          .filter((field): field is FieldNode => field.kind === Kind.FIELD && usesAny(field, names))
          .map((field) => ({
            type: selection.typeCondition!.name.value,
            field: field.name.value,
            key: field.alias?.value ?? field.name.value,
          }))
      : [],
  );
  return {
    takers,
    required: contextTypes.map((type) => type!.kind === Kind.NON_NULL_TYPE),
    writer: {
      representationsOf,
      variableOf,
      operationFor: (groups) => {
        const variables = [...kept];
        let selections = '';
        for (let group = 0; group < groups; group++) {
          variables.push(`$${representationsOf(group)}:${representationsType}`);
          contextTypeTexts.forEach((type, index) => variables.push(`$${variableOf(index, group)}:${type}`));
          selections += ` _${group}:_entities(representations:$${representationsOf(group)})`;
          pieces.forEach((piece, at) => (selections += at % 2 === 0 ? piece : `$${variableOf(Number(piece), group)}`));
        }
        return `${head}(${variables.join(',')})${directives ? ` ${directives}` : ''}{${selections}}${tail}`;
      },
    },
  };
}

function bareOperation(document: DocumentNode, names: readonly string[]): string | null {
  let empty = false;
  const bare = visit(document, {
    VariableDefinition: (definition) => (names.includes(definition.variable.name.value) ? null : undefined),
    Field: { enter: (field) => (field.name.value !== '_entities' && usesAny(field, names) ? null : undefined) },
    InlineFragment: { leave: (fragment) => (fragment.selectionSet.selections.length === 0 ? null : undefined) },
    OperationDefinition: {
      leave: (operation) => {
        const entities = operation.selectionSet.selections[0];
        empty = entities?.kind === Kind.FIELD && (entities.selectionSet?.selections.length ?? 0) === 0;
      },
    },
  });
  return empty ? null : stripIgnoredCharacters(print(bare));
}

function usesAny(node: Parameters<typeof visit>[0], names: readonly string[]): boolean {
  let found = false;
  visit(node, {
    Variable: (variable) => {
      if (names.includes(variable.name.value)) found = true;
    },
  });
  return found;
}

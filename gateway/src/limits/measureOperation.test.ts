import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLField,
  isAbstractType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  validate,
  valueFromASTUntyped,
} from 'graphql';
import { apiSchemaOf } from '../apiSchemaOf';
import { composeSupergraph } from '../composeSupergraph';
import { assumedListSizes } from './assumedListSizes';
import { measureOperation, type OperationMeasure } from './measureOperation';

const schema = apiSchemaOf(readFileSync(join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'));

/**
 * The measure as the gateway took it before: every fragment walked again at every spread.
 * Kept here as the reference the linear measure must agree with on ordinary documents.
 */
function expandedMeasure(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultListSize: number,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measure: OperationMeasure = {
    depth: 0,
    aliases: 0,
    introspectionAliases: 0,
    rootFields: 0,
    directives: operation.directives?.length ?? 0,
    cost: 0,
  };
  const countedFragments = new Set<string>();
  /** Introspection's aliases below `selectionSet`, every fragment expanded. */
  const introspection = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) introspection(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) introspection(fragments.get(selection.name.value)!.selectionSet);
      else {
        if (selection.alias) measure.introspectionAliases++;
        introspection(selection.selectionSet);
      }
    }
  };
  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    for (const argument of field.arguments ?? []) {
      if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
      const value =
        argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : valueFromASTUntyped(argument.value, variables);
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
    }
    const declared = definition?.args.find((a) => a.name === 'first' || a.name === 'last')?.defaultValue;
    return typeof declared === 'number' ? declared : undefined;
  };
  const walk = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType | undefined,
    depth: number,
    multiplier: number,
    carried: number | undefined,
    atRoot: boolean,
  ) => {
    for (const selection of selectionSet.selections) {
      measure.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(
          selection.selectionSet,
          selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : type,
          depth,
          multiplier,
          carried,
          atRoot,
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value)!;
        if (!countedFragments.has(fragment.name.value)) {
          countedFragments.add(fragment.name.value);
          measure.directives += fragment.directives?.length ?? 0;
        }
        walk(
          fragment.selectionSet,
          schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType,
          depth,
          multiplier,
          carried,
          atRoot,
        );
        continue;
      }
      if (atRoot) measure.rootFields++;
      const name = selection.name.value;
      if (name === '__schema' || name === '__type') {
        if (selection.alias) measure.introspectionAliases++;
        introspection(selection.selectionSet);
        continue;
      }
      if (selection.alias) measure.aliases++;
      if (name === '__typename') continue;
      measure.depth = Math.max(measure.depth, depth);
      measure.cost += multiplier;
      if (!selection.selectionSet) continue;
      const definition = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
      const nullable = definition ? getNullableType(definition.type) : undefined;
      const own = pageSize(selection, definition);
      let childMultiplier = multiplier;
      let childCarried = own ?? carried;
      if (nullable && isListType(nullable)) {
        childMultiplier = multiplier * (own ?? carried ?? defaultListSize);
        childCarried = undefined;
      }
      const childType = definition ? (getNamedType(definition.type) as GraphQLCompositeType) : undefined;
      walk(
        selection.selectionSet,
        childType && (isObjectType(childType) || isAbstractType(childType)) ? childType : undefined,
        depth + 1,
        childMultiplier,
        childCarried,
        false,
      );
    }
  };
  walk(operation.selectionSet, schema.getQueryType()!, 1, 1, undefined, true);
  return measure;
}

const operationOf = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

/** Ordinary documents: the workbench's saved operations, and fragments, inline fragments, pages, aliases and directives mixed. */
const savedOperations = readdirSync(join(__dirname, '..', '..', 'workbench', 'operations')).map(
  (file) => [file, readFileSync(join(__dirname, '..', '..', 'workbench', 'operations', file), 'utf8')] as const,
);
const handWritten: [string, string, Record<string, unknown>][] = [
  [
    'pages through a variable',
    'query Q($n: Int) { notices(first: $n) { pageInfo { endCursor } nodes { id subject { name { familyName } } nationalRecords { id caseFile { persons { id } } } } } }',
    { n: 7 },
  ],
  [
    'schema default page, carried into a fragment',
    '{ notices { ...Page } } fragment Page on NoticeConnection { nodes { id ...N } pageInfo { hasNextPage } } fragment N on Notice { type subject { name { familyName } } }',
    {},
  ],
  [
    'fragments spread twice, at the root and below',
    '{ ...Root a: notice(id: "x") { ...N ...N } } fragment Root on Query { b: notice(id: "y") { ...N } notices(first: 3) { nodes { ...N } } } fragment N on Notice { id nationalRecords { id } europolEntries { id } }',
    {},
  ],
  [
    'inline fragments and directives',
    'query Q($skip: Boolean!) @flag { notice(id: "x") { ... on Notice @include(if: true) { id type @skip(if: $skip) } ...D @include(if: true) } } fragment D on Notice @frag { status nationalRecords { ... { id role } } }',
    { skip: false },
  ],
  ['literal page sizes', '{ notices(first: 4) { nodes { id } } diffusions(senderNcb: "NCB-FR", first: 2) { nodes { id } } }', {}],
  ['introspection beside __typename', '{ __typename __type(name: "Notice") { name fields { name } } }', {}],
];

describe('measureOperation', () => {
  it.each([...savedOperations.map(([name, text]) => [name, text, {}] as const), ...handWritten])(
    'equals the expanded measure: %s',
    (_name, text, variables) => {
      const document = parse(text);
      if (!text.includes('@flag')) expect(validate(schema, document)).toEqual([]);
      const operation = operationOf(document);
      expect(measureOperation(schema, document, operation, variables, { defaultListSize: 10 })).toEqual(
        expandedMeasure(document, operation, variables, 10),
      );
    },
  );

  it("takes a page size a request leaves out from the variable's declared default; a value given wins", () => {
    const document = parse('query Q($n: Int = 1000) { notices(first: $n) { nodes { id } } }');
    const measured = (variables: Record<string, unknown>) =>
      measureOperation(schema, document, operationOf(document), variables, { defaultListSize: 10 }).cost;
    // notices, nodes, and 1000 × id.
    expect(measured({})).toBe(1002);
    expect(measured({ n: 5 })).toBe(7);
  });

  it('measures the full introspection tools send as no alias and no cost, whatever its options', () => {
    const allOptions = {
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    };
    for (const options of [{}, allOptions]) {
      const document = parse(getIntrospectionQuery(options));
      expect(validate(schema, document)).toEqual([]);
      const measure = measureOperation(schema, document, operationOf(document), {}, { defaultListSize: 10 });
      expect(measure).toMatchObject({ introspectionAliases: 0, aliases: 0, cost: 0 });
    }
  });

  it('counts aliases on and inside introspection apart from the others, through fragments spread more than once', () => {
    const measured = (text: string) => {
      const document = parse(text);
      expect(validate(schema, document)).toEqual([]);
      return measureOperation(schema, document, operationOf(document), {}, { defaultListSize: 10 });
    };
    expect(measured('{ a: __schema { queryType { name } } b: __type(name: "Notice") { name } c: __typename }')).toMatchObject({
      introspectionAliases: 2,
      aliases: 1,
    });
    const spread = '{ __schema { types { ...T } queryType { ...T } } } fragment T on __Type { x: name fields { y: name } }';
    expect(measured(spread).introspectionAliases).toBe(4);
    expect(measured(spread)).toEqual(expandedMeasure(parse(spread), operationOf(parse(spread)), {}, 10));
    // A fragment at the root, spread twice, counts twice, as if expanded.
    const atRoot = '{ ...R ... on Query { ...R } } fragment R on Query { s: __schema { queryType { name } } }';
    expect(measured(atRoot).introspectionAliases).toBe(2);
    expect(measured(atRoot)).toEqual(expandedMeasure(parse(atRoot), operationOf(parse(atRoot)), {}, 10));
  });

  it('is linear: a fan-out chain of 60 levels (2^60 expansions) is measured at once, with the expanded counts', () => {
    const levels = 60;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Notice { a${i}: id ...F${i + 1} ...F${i + 1} }`).join(
      ' ',
    );
    const document = parse(
      `{ notices(first: 5) { nodes { ...F0 } } } ${fragments} fragment F${levels} on Notice { subject { name { familyName } } }`,
    );
    const started = performance.now();
    const measured = measureOperation(schema, document, operationOf(document), {}, { defaultListSize: 10 });
    expect(performance.now() - started).toBeLessThan(500);
    // Level i is expanded 2^i times: aliases 2^60 - 1; each of the 5 notices resolves 2^60 - 1 ids and 2^60 × 3 fields below.
    expect(measured.aliases / (2 ** levels - 1)).toBeCloseTo(1, 12);
    expect(measured.cost / (2 + 5 * (2 ** levels - 1) + 5 * 2 ** levels * 3)).toBeCloseTo(1, 12);
    expect(measured.depth).toBe(5);
  });

  it('stops at the first limit passed and reports a value over it', () => {
    const document = parse(
      `{ ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F40 on Query { a: __typename }`,
    );
    const measured = measureOperation(
      schema,
      document,
      operationOf(document),
      {},
      { defaultListSize: 10, limits: { aliases: 30, rootFields: 1_000_000_000_000 } },
    );
    expect(measured.aliases).toBeGreaterThan(30);
  });

  it('sizes a list without first/last by its own assumed size, else the default', () => {
    const document = parse('{ notice(id: "x") { nationalRecords { id role } europolEntries { id } } }');
    const operation = operationOf(document);
    // notice, nationalRecords, europolEntries: 3; then 2 fields per national record, 1 per entry.
    expect(measureOperation(schema, document, operation, {}, { defaultListSize: 10 }).cost).toBe(3 + 2 * 10 + 10);
    const sizes = new Map([['Notice.nationalRecords', 40]]);
    expect(
      measureOperation(
        schema,
        document,
        operation,
        {},
        { defaultListSize: 10, assumedListSize: (type, field) => sizes.get(`${type}.${field}`) },
      ).cost,
    ).toBe(3 + 2 * 40 + 10);
  });

  it('never lets a subgraph’s assumed size lower the estimate below the default', () => {
    const document = parse('{ notice(id: "x") { nationalRecords { id role } } }');
    expect(measureOperation(schema, document, operationOf(document), {}, { defaultListSize: 10, assumedListSize: () => 0 }).cost).toBe(
      2 + 2 * 10,
    );
  });
});

describe('assumedListSizes', () => {
  it('reads each list field’s @listSize(assumedSize:) from a composed supergraph', () => {
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@listSize"])
      type Query { things: [Thing!]! @listSize(assumedSize: 7) other: [Thing!]! }
      type Thing @key(fields: "id") { id: ID! tags: [String!]! @listSize(assumedSize: 3) }`;
    const supergraph = composeSupergraph([{ name: 'things', url: 'http://things.invalid/graphql', sdl }]);
    expect(Object.fromEntries(assumedListSizes(supergraph))).toEqual({ 'Query.things': 7, 'Thing.tags': 3 });
  });

  it('finds none in a supergraph whose subgraphs declare none', () => {
    const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { things: [String!]! }`;
    expect(assumedListSizes(composeSupergraph([{ name: 'things', url: 'http://things.invalid/graphql', sdl }])).size).toBe(0);
  });
});

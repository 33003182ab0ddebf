import { buildSchema, type DocumentNode, execute, Kind, NoUnusedVariablesRule, parse, print, specifiedRules, validate } from 'graphql';
import { normalizeOperation, OperationTooLarge } from './normalizeOperation';

const schema = buildSchema(`
  interface Node { id: ID! name: String child: Node }
  type A implements Node { id: ID! name: String child: Node a: Int list: [Node] }
  type B implements Node { id: ID! name: String child: Node b: Int }
  union U = A | B
  type Query { node: Node u: U a: A list: [Node] }
`);

const tree = (depth: number, index = 0): Record<string, unknown> => {
  const isA = index % 2 === 0;
  const child = depth > 0 ? tree(depth - 1, index + 1) : null;
  return isA
    ? {
        __typename: 'A',
        id: `a${depth}`,
        name: `A at ${depth}`,
        a: depth,
        child,
        list: depth > 0 ? [tree(depth - 1, 1), tree(depth - 1, 0)] : [],
      }
    : { __typename: 'B', id: `b${depth}`, name: null, b: depth, child };
};
const root = { node: tree(4), u: tree(4, 1), a: tree(4), list: [tree(3), tree(3, 1)] };

/** The answer as JSON text, so field order counts. */
const answer = (document: DocumentNode, variables: Record<string, unknown>) =>
  JSON.stringify(execute({ schema, document, rootValue: root, variableValues: variables }));

/** A small deterministic generator, so a failure can be replayed. */
function randomSource(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const FIELDS: Record<string, string[]> = {
  Node: ['id', 'name', '__typename', 'child'],
  A: ['id', 'name', 'a', 'child', 'list', '__typename'],
  B: ['id', 'name', 'b', 'child', '__typename'],
  U: ['__typename'],
  Query: ['node', 'u', 'a', 'list'],
};
const COMPOSITE: Record<string, string> = { child: 'Node', list: 'Node', node: 'Node', u: 'U', a: 'A' };

const POSSIBLE: Record<string, string[]> = { Node: ['A', 'B'], U: ['A', 'B'], A: ['A'], B: ['B'], Query: [] };
const overlaps = (one: string, other: string) => POSSIBLE[one]!.some((type) => POSSIBLE[other]!.includes(type));

/**
 * A valid-looking document with named fragments (spreading only later ones, so no cycles),
 * inline fragments, aliases, repeats and directives, spread only where their type can apply.
 */
function randomDocument(seed: number): string {
  const random = randomSource(seed);
  const fragmentCount = 1 + Math.floor(random.next() * 5);
  const conditions = Array.from({ length: fragmentCount }, () => random.pick(['Node', 'A', 'B', 'U']));
  const directive = () =>
    random.next() < 0.15
      ? ` @include(if: $${random.pick(['yes', 'no'])})`
      : random.next() < 0.1
        ? ` @skip(if: $${random.pick(['yes', 'no'])})`
        : '';
  const selection = (type: string, depth: number, from: number): string => {
    const parts: string[] = [];
    const count = 1 + Math.floor(random.next() * 3);
    for (let i = 0; i < count; i++) {
      const roll = random.next();
      const spreadable = conditions.map((on, index) => ({ on, index })).filter(({ on, index }) => index >= from && overlaps(on, type));
      if (roll < 0.25 && spreadable.length > 0) {
        const target = random.pick(spreadable).index;
        parts.push(`...F${target}${directive()}`);
        if (random.next() < 0.4) parts.push(`...F${target}`);
      } else if (roll < 0.4 && type !== 'Query' && depth < 4) {
        const on = random.pick(['Node', 'A', 'B', 'U'].filter((candidate) => overlaps(candidate, type)));
        parts.push(`... on ${on}${directive()} { ${selection(on, depth + 1, from)} }`);
      } else {
        const field = random.pick(FIELDS[type]!);
        const alias = random.next() < 0.2 ? `${field.replace('__', '')}Again: ` : '';
        const sub = COMPOSITE[field] ? (depth < 4 ? ` { ${selection(COMPOSITE[field], depth + 1, from)} }` : ' { __typename }') : '';
        parts.push(`${alias}${field}${directive()}${sub}`);
        if (random.next() < 0.3) parts.push(`${alias}${field}${sub}`);
      }
    }
    return parts.join(' ');
  };
  const fragments = conditions.map((on, i) => `fragment F${i} on ${on} { ${selection(on, 2, i + 1)} }`);
  return `query Q($yes: Boolean = true, $no: Boolean = false) { ${selection('Query', 0, 0)} } ${fragments.join(' ')}`;
}

describe('normalizeOperation', () => {
  it('merges a chain of fragments, each spreading the next twice, into the field it asks for', () => {
    const levels = 150;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on A { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const document = parse(`{ a { id ...F0 } } ${fragments} fragment F${levels} on A { __typename }`);
    const normalized = normalizeOperation(schema, document, 10_000);
    expect(print(normalized)).toBe(print(parse('{ a { id __typename } }')));
    expect(answer(normalized, {})).toBe(answer(document, {}));
  });

  it('keeps a fragment on another type as an inline fragment, once, and directives as written', () => {
    const document = parse(
      'query Q($v: Boolean!) { node { ...OnA ...OnA ... on B { b } id @include(if: $v) ... on B { b } } } fragment OnA on A { a }',
    );
    expect(print(normalizeOperation(schema, document, 10_000))).toBe(
      print(parse('query Q($v: Boolean!) { node { ... on A { a } ... on B { b } id @include(if: $v) } }')),
    );
  });

  it('answers exactly as the document it came from, field order included, for random documents', () => {
    let compared = 0;
    for (let seed = 1; compared < 300 && seed < 5_000; seed++) {
      const document = parse(randomDocument(seed));
      if (validate(schema, document).length > 0) continue;
      const normalized = normalizeOperation(schema, document, 100_000);
      expect(normalized.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION)).toBe(true);
      // A variable used only in a dropped part (one that never applies) stays declared, unused.
      expect(
        validate(
          schema,
          normalized,
          specifiedRules.filter((rule) => rule !== NoUnusedVariablesRule),
        ),
      ).toEqual([]);
      for (const variables of [{}, { yes: false, no: true }])
        expect([seed, answer(normalized, variables)]).toEqual([seed, answer(document, variables)]);
      compared += 1;
    }
    expect(compared).toBe(300);
  });

  it('stops, past the budget, on fragments that alternate between overlapping abstract types', () => {
    // Neither condition always applies inside the other, so nothing merges: each level doubles the answer's shape.
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Node { ... on U { ...F${i + 1} } ... on Node { child { ...F${i + 1} } } id }`,
    ).join(' ');
    const document = parse(`{ node { ...F0 } } ${fragments} fragment F${levels} on Node { id }`);
    const started = performance.now();
    expect(() => normalizeOperation(schema, document, 10_000)).toThrow(OperationTooLarge);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('leaves a document naming what the schema does not have as it is, for validation to refuse', () => {
    const document = parse('{ node { nothing { id } } }');
    expect(normalizeOperation(schema, document, 10_000)).toBe(document);
  });
});

/**
 * What the subgraphs' resolver unit tests share: fakes of a resolver context's repositories
 * and loaders that record each call, the resolvers of a type callable with a context, and a
 * refusal read off a resolver that must refuse. Unit tests only: not part of the built package.
 */

/** What a fake repository answers unless told otherwise: an empty page, which a resolver hands back as it is. */
export const EMPTY_PAGE = { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };

/** One call a fake repository or loader received. */
export interface RecordedCall {
  method: string;
  args: unknown[];
}

/**
 * Fakes that record each call in `calls`: `record(method, answer)` answers `answer` (by
 * default EMPTY_PAGE), `loader(name)` is a DataLoader-like `load` that finds nothing.
 */
export function recordCalls() {
  const calls: RecordedCall[] = [];
  const record =
    (method: string, answer: unknown = EMPTY_PAGE) =>
    (...args: unknown[]) => {
      calls.push({ method, args });
      return Promise.resolve(answer);
    };
  const loader = (name: string) => ({ load: record(`loaders.${name}`, null) });
  return { calls, record, loader };
}

/** A resolver as a test calls it, with its subgraph's context. */
export type TestResolver<Context> = (parent: unknown, args: Record<string, unknown>, ctx: Context) => unknown;

/** The resolvers of `type` in a subgraph's resolver map, callable with its context. */
export function typeResolvers<Context>(resolvers: object, type: string): Record<string, TestResolver<Context>> {
  return (resolvers as Record<string, Record<string, TestResolver<Context>>>)[type]!;
}

/** An entity type's `__resolveReference`, which federation calls with the reference and the context. */
export function referenceResolver<Context>(resolvers: object, type: string): (reference: unknown, ctx: Context) => unknown {
  return (resolvers as Record<string, { __resolveReference: (reference: unknown, ctx: Context) => unknown }>)[type]!.__resolveReference;
}

/** Runs a resolver that must refuse, and gives the refusal's extensions; fails the test when it does not refuse. */
export async function refusalOf(run: () => unknown): Promise<Record<string, unknown>> {
  try {
    await run();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('the resolver did not refuse');
}

import { Supergraph } from '@apollo/federation-internals';
import { composeSupergraph } from '../composeSupergraph';
import { supergraphForOwnExecutor, supergraphHookForOwnExecutor } from './supergraphForOwnExecutor';

/**
 * The supergraph the own executor loads: composition links the context spec `for: SECURITY`,
 * which @apollo/gateway refuses; for the own executor (which runs context rewrites) only that
 * `for:` is dropped, and any other feature a gateway must understand is still refused.
 */
const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key", "@context", "@fromContext", "@external"])';
const composed = composeSupergraph([
  {
    name: 'a',
    url: 'http://127.0.0.1:1/graphql',
    sdl: `${LINK}
      type Query { t: T }
      type T @key(fields: "id") @context(name: "c") { id: ID!  p: String  u: U }
      type U @key(fields: "id") { id: ID!  f(x: String @fromContext(field: "$c { p }")): String }`,
  },
]);

describe('supergraphForOwnExecutor', () => {
  it("drops only the context link's purpose, so @apollo/gateway's loader takes the supergraph it refused", () => {
    expect(composed).toContain('@link(url: "https://specs.apollo.dev/context/v0.1", for: SECURITY)');
    expect(() => Supergraph.build(composed)).toThrow(/context\/v0.1 is for: SECURITY but is unsupported/);
    const loaded = supergraphForOwnExecutor(composed);
    expect(loaded).toBe(
      composed.replace(
        '@link(url: "https://specs.apollo.dev/context/v0.1", for: SECURITY)',
        '@link(url: "https://specs.apollo.dev/context/v0.1")',
      ),
    );
    expect(() => Supergraph.build(loaded)).not.toThrow();
  });

  it('leaves any other feature linked for SECURITY, so it is still refused', () => {
    const other = composed.replace('https://specs.apollo.dev/context/v0.1', 'https://specs.apollo.dev/unknown/v0.1');
    expect(supergraphForOwnExecutor(other)).toBe(other);
    const withBoth = composed.replace(
      '@link(url: "https://specs.apollo.dev/context/v0.1", for: SECURITY)',
      '@link(for: SECURITY, url: "https://specs.apollo.dev/context/v0.1")\n  @link(url: "https://specs.apollo.dev/secret/v0.1", for: SECURITY)',
    );
    const loaded = supergraphForOwnExecutor(withBoth);
    expect(loaded).toContain('@link(url: "https://specs.apollo.dev/context/v0.1")');
    expect(loaded).toContain('@link(url: "https://specs.apollo.dev/secret/v0.1", for: SECURITY)');
    expect(() => Supergraph.build(loaded)).toThrow(/secret\/v0.1 is for: SECURITY but is unsupported/);
  });

  it('gives the gateway every version a supergraph source loads or updates to that way', async () => {
    const updates: string[] = [];
    let update: ((sdl: string) => void) | undefined;
    const hook = supergraphHookForOwnExecutor(async (options) => {
      update = options.update;
      return { supergraphSdl: composed };
    });
    const loaded = await hook({ update: (sdl) => updates.push(sdl), healthCheck: async () => {}, getDataSource: () => undefined as never });
    expect(loaded.supergraphSdl).toBe(supergraphForOwnExecutor(composed));
    update!(composed);
    expect(updates).toEqual([supergraphForOwnExecutor(composed)]);
    expect(updates[0]).not.toContain('for: SECURITY');
  });
});

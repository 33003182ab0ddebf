import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, createGatewayServer } from '@intel-gateway/gateway';
import { listen } from '@intel-gateway/shared/http';
import { createDevIdentity } from '@intel-gateway/tools';
import { silentLogger, testIdentityOptions } from './harness';

/**
 * A subgraph named after a property every JavaScript object inherits must not resolve to
 * that property: the registry refuses such names (see shared/src/subgraphRegistry.test.ts),
 * and the gateway looks URL overrides up by own keys only, whatever supergraph it is given.
 */
it('a supergraph subgraph named "constructor" is called at its own URL, not at Object', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'subgraph-names-'));
  const sdl = (type: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { ${type}: String }`;
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(
    supergraphPath,
    composeSupergraph([
      { name: 'constructor', url: 'http://127.0.0.1:9/constructor/graphql', sdl: sdl('a') },
      { name: 'other', url: 'http://127.0.0.1:9/other/graphql', sdl: sdl('b') },
    ]),
  );
  const identity = await createDevIdentity();
  const gateway = await createGatewayServer({
    supergraphPath,
    subgraphUrls: { other: 'http://127.0.0.1:9/overridden/graphql' },
    identity: testIdentityOptions(identity),
    policy: null,
    audit: null,
    logger: silentLogger,
  });
  await listen(gateway.http, '127.0.0.1', 0);
  try {
    expect(Object.fromEntries(gateway.subgraphs)).toEqual({
      constructor: 'http://127.0.0.1:9/constructor/graphql',
      other: 'http://127.0.0.1:9/overridden/graphql',
    });
  } finally {
    await gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

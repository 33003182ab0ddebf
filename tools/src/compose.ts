import { renameSync, writeFileSync } from 'node:fs';
import { composeProjectSupergraph, supergraphPath } from './projectSupergraph';

/**
 * `npm run compose`: writes gateway/supergraph.graphql from the subgraph schemas. The file
 * is replaced in one rename, so a running gateway never reads half a supergraph.
 */
function main(): void {
  const sdl = composeProjectSupergraph();
  const temporary = `${supergraphPath}.tmp`;
  writeFileSync(temporary, sdl);
  renameSync(temporary, supergraphPath);
  console.log(`wrote ${supergraphPath} (${sdl.length} bytes)`);
}

main();

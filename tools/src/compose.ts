import { renameSync, writeFileSync } from 'node:fs';
import { dockerComposePath, renderDockerCompose } from './dockerCompose';
import { composeProjectSupergraph, supergraphPath } from './projectSupergraph';

/** Replaces a file in one rename, so a running gateway never reads half of it. */
function replaceFile(path: string, content: string): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
  console.log(`wrote ${path} (${content.length} bytes)`);
}

/**
 * `npm run compose`: writes what the subgraph registry determines: the supergraph the
 * gateway serves (composed from the subgraph schemas) and docker-compose.yml.
 */
replaceFile(supergraphPath, composeProjectSupergraph());
replaceFile(dockerComposePath, renderDockerCompose());

import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { renderDeploymentFiles } from './dockerCompose';
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
 * gateway serves (composed from the subgraph schemas), docker-compose.yml, the demo
 * profile's docker-compose.demo.yml and the mongo container's database-user script.
 */
replaceFile(supergraphPath, composeProjectSupergraph());
for (const [path, content] of Object.entries(renderDeploymentFiles())) replaceFile(resolve(repositoryRoot, path), content);

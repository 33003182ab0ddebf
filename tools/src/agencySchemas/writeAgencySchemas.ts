import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { supergraphPath } from '../projectSupergraph';
import { agencySchemasDir, currentAgencySchemas, writeAgencySchemaFiles } from './agencySchemaFiles';

/**
 * `npm run schema:write`: writes every agency's schema, per agency and role, to
 * gateway/agency-schemas/ from the committed supergraph and the gateway policy: each
 * distinct schema once, and index.yml saying which agency and role gets which. Commit
 * them: `npm run schema:check` compares against them.
 */
async function main(): Promise<void> {
  const schemas = await currentAgencySchemas(readFileSync(supergraphPath, 'utf8'));
  writeAgencySchemaFiles(schemas);
  const distinct = new Set(schemas.values()).size;
  console.log(`${schemas.size} agency schemas (${distinct} distinct) written to ${relative(repositoryRoot, agencySchemasDir)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

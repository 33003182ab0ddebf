import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { supergraphPath } from '../projectSupergraph';
import { agencySchemasDir, currentAgencySchemas, writeAgencySchemaFiles } from './agencySchemaFiles';

/**
 * `npm run schema:write`: writes every agency's schema, one file per agency and role, to
 * gateway/agency-schemas/ from the committed supergraph and the gateway policy. Commit
 * them: `npm run schema:check` compares against them.
 */
async function main(): Promise<void> {
  const schemas = await currentAgencySchemas(readFileSync(supergraphPath, 'utf8'));
  writeAgencySchemaFiles(schemas);
  console.log(`${schemas.size} agency schemas written to ${relative(repositoryRoot, agencySchemasDir)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

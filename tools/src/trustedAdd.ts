import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GraphQLError, parse, validate } from 'graphql';
import {
  apiSchemaOf,
  DEFAULT_TRUSTED_DOCUMENTS_DIR,
  documentId,
  type ManifestOperation,
  manifestText,
  readManifest,
  soleOperation,
} from '@intel-gateway/gateway';
import { agencyCode } from '@intel-gateway/shared/records';
import { loadToolsConfig } from './config';
import { supergraphPath } from './projectSupergraph';

/** One operation file as a manifest entry: exactly one named operation, valid against the API schema. */
function entryFor(path: string, schema: ReturnType<typeof apiSchemaOf>): ManifestOperation {
  const body = readFileSync(path, 'utf8').trim();
  let operation;
  try {
    operation = soleOperation(body);
  } catch (error) {
    throw new Error(
      `${path}: ${error instanceof GraphQLError ? `not a GraphQL document: ${error.message}` : error instanceof Error ? error.message : String(error)}`,
    );
  }
  const problems = validate(schema, parse(body));
  if (problems.length > 0) throw new Error(`${path}: not valid against the API schema:\n  ${problems.map((p) => p.message).join('\n  ')}`);
  return { id: documentId(body), name: operation.name, type: operation.type, body };
}

/**
 * `npm run trusted:add -- --agency NCB-DE --file ops/DocumentCheck.graphql [--file …]
 * [--dir gateway/trusted-documents]`: adds operations to an agency's trusted-document
 * manifest (creating it), replacing an entry of the same name. Each file holds one named
 * operation; it is checked against the API schema first, and the manifest is written whole
 * or not at all. Clients send the file's text (trimmed) exactly, or its id.
 */
function main(): void {
  const config = loadToolsConfig();
  const { values } = parseArgs({
    options: { agency: { type: 'string' }, file: { type: 'string', multiple: true }, dir: { type: 'string' } },
  });
  const agency = agencyCode.safeParse(values.agency);
  if (!agency.success) throw new Error('--agency must be an agency code such as NCB-DE');
  if (!values.file?.length) throw new Error('give one or more --file operation.graphql');
  const dir = values.dir ? resolve(config.INIT_CWD, values.dir) : DEFAULT_TRUSTED_DOCUMENTS_DIR;
  if (!existsSync(dir)) throw new Error(`${dir} does not exist`);
  const schema = apiSchemaOf(readFileSync(supergraphPath, 'utf8'));
  const added = values.file.map((file) => entryFor(resolve(config.INIT_CWD, file), schema));
  const path = join(dir, `${agency.data}.json`);
  const existing = existsSync(path) ? readManifest(path) : [];
  const byName = new Map(existing.map((operation) => [operation.name, operation]));
  for (const operation of added) byName.set(operation.name, operation);
  const operations = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, manifestText(operations));
  renameSync(temporary, path);
  for (const operation of added) console.log(`${agency.data}: ${operation.name} sha256:${operation.id}`);
  console.log(`${path}: ${operations.length} operation(s). Restart the gateway to load it.`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { GraphQLError, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { z } from 'zod';
import { readJsonFile } from '@intel-gateway/shared/config';

/** Where the gateway's manifests are kept unless TRUSTED_DOCUMENTS_DIR says otherwise. */
export const DEFAULT_TRUSTED_DOCUMENTS_DIR = resolve(__dirname, '..', '..', 'trusted-documents');

/** The id of a trusted document: the SHA-256 of its text, in hex (as Apollo's manifests and clients compute it). */
export function documentId(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/**
 * The one named operation a trusted document holds (fragments beside it are fine). A body
 * with several operations would let `operationName` pick one its manifest entry does not
 * name, so it is refused, as is an unnamed one. Throws a message naming the problem.
 */
export function soleOperation(body: string): { name: string; type: OperationDefinitionNode['operation'] } {
  const operations = parse(body).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  if (operations.length !== 1 || !operation?.name) {
    throw new Error(
      `a trusted document holds exactly one named operation (found ${operations.length}${operations.length === 1 ? ', unnamed' : ''})`,
    );
  }
  return { name: operation.name.value, type: operation.operation };
}

/** Apollo's persisted-query manifest format, so the usual client tooling can write it. */
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64 hex digits of the SHA-256 of body'),
      name: z.string().min(1).max(200),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1).max(100_000),
    }),
  ),
});

/**
 * Every agency's trusted documents: the operations its dashboards are allowed to run, by id.
 * An agency with a manifest runs only what it lists while enforcement is on; an agency
 * without one is not restricted. Ids resolve only in the caller's own manifest, so no
 * agency learns another's operations.
 */
export class TrustedDocuments {
  constructor(
    private readonly manifests: ReadonlyMap<string, ReadonlyMap<string, string>>,
    /** Off only while an agency's manifest is being rolled out: ids still resolve, nothing is refused. */
    readonly enforced: boolean,
  ) {}

  /** Agencies that have a manifest. */
  get agencies(): string[] {
    return [...this.manifests.keys()];
  }

  /** The text of operation `id` in `agency`'s manifest, if it lists one. */
  body(agency: string, id: string): string | undefined {
    return this.manifests.get(agency)?.get(id);
  }

  /** Whether operations of `agency` are checked against its manifest. */
  restricts(agency: string): boolean {
    return this.enforced && this.manifests.has(agency);
  }

  /** Whether `agency` may run the operation text `source` (exactly as listed). */
  admits(agency: string, source: string): boolean {
    const manifest = this.manifests.get(agency);
    return !this.enforced || !manifest || manifest.has(documentId(source));
  }
}

/**
 * Reads `<AGENCY>.json` manifests from `dir`; other files (a README) are left alone. A
 * manifest that is malformed, names an unknown agency, or lists an id that is not its
 * body's hash stops the gateway at start, naming the file and the operation.
 */
export function loadTrustedDocuments(dir: string, knownAgencies: ReadonlySet<string>, enforced: boolean): TrustedDocuments {
  if (!existsSync(dir)) throw new Error(`trusted documents directory ${dir} does not exist`);
  const manifests = new Map<string, Map<string, string>>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const path = join(dir, file);
    const agency = basename(file, '.json');
    if (!knownAgencies.has(agency))
      throw new Error(`trusted documents ${path}: "${agency}" is not an agency in the registry (name the file <AGENCY>.json)`);
    manifests.set(agency, new Map(readManifest(path).map((operation) => [operation.id, operation.body])));
  }
  return new TrustedDocuments(manifests, enforced);
}

/** One entry of a manifest. */
export type ManifestOperation = z.infer<typeof manifestSchema>['operations'][number];

/**
 * The operations of one manifest file, each checked: the id is its body's hash, listed
 * once, and the body is the one named operation the entry says. Throws naming the file and
 * the operation.
 */
export function readManifest(path: string): ManifestOperation[] {
  const manifest = readJsonFile(path, manifestSchema, `trusted documents ${path}`);
  const ids = new Set<string>();
  for (const [index, operation] of manifest.operations.entries()) {
    const where = `trusted documents ${path}, operation ${index} ("${operation.name}")`;
    if (documentId(operation.body) !== operation.id) throw new Error(`${where}: id is not the SHA-256 of its body`);
    if (ids.has(operation.id)) throw new Error(`${where}: listed twice`);
    let sole;
    try {
      sole = soleOperation(operation.body);
    } catch (error) {
      throw new Error(
        `${where}: ${error instanceof GraphQLError ? `body is not a GraphQL document: ${error.message}` : error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (sole.name !== operation.name || sole.type !== operation.type)
      throw new Error(`${where}: its body holds ${sole.type} ${sole.name}, not the ${operation.type} ${operation.name} the entry names`);
    ids.add(operation.id);
  }
  return manifest.operations;
}

/** A manifest file's text for these operations, in Apollo's format. */
export function manifestText(operations: readonly ManifestOperation[]): string {
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}

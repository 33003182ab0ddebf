import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { apiSchemaOf, buildAgencySchema, compileFieldPolicy, gatewayPolicy, printAgencySchema } from '@intel-gateway/gateway';
import { type AgencyKind, CLEARANCES, type Role } from '@intel-gateway/shared/identity';
import { toPolicySubject } from '@intel-gateway/shared/policy';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { DEV_AGENCIES } from '../identity/devKeys';
import { AGENCY_SCHEMA_INDEX, readAgencySchemaStore, renderAgencySchemaStore, withoutHeader } from './agencySchemaStore';

/** Where the published per-agency schemas are committed: each distinct schema once, and `index.yml` saying which agency and role gets which. */
export const agencySchemasDir = join(repositoryRoot, 'gateway', 'agency-schemas');

/** An agency as far as its schema depends on it, with the roles the registry lets it grant. */
export interface SchemaAgency {
  code: string;
  kind: AgencyKind;
  country: string;
  roles: readonly Role[];
}

/**
 * The schema each agency's dashboards can rely on, one per agency and role it may grant: what a token of
 * that agency with that single role and the highest clearance may query, printed sorted
 * (as `GET /schema.graphql` serves it). A caller with several roles sees the union of its
 * roles' schemas, so a change that breaks none of these breaks no dashboard. An agency and
 * role that may query nothing has no file. Keys are paths relative to the schemas directory.
 */
export async function currentAgencySchemas(
  supergraphSdl: string,
  agencies: readonly SchemaAgency[] = DEV_AGENCIES,
): Promise<Map<string, string>> {
  const policy = compileFieldPolicy(gatewayPolicy(), apiSchemaOf(supergraphSdl));
  const clearance = CLEARANCES[CLEARANCES.length - 1]!;
  const schemas = new Map<string, string>();
  for (const agency of agencies) {
    for (const role of agency.roles) {
      const subject = toPolicySubject({ agency: agency.code, agencyKind: agency.kind, country: agency.country, roles: [role], clearance });
      const schema = await buildAgencySchema(policy, subject);
      if (schema) schemas.set(join(agency.code, `${role}.graphql`), `${printAgencySchema(schema)}\n`);
    }
  }
  return schemas;
}

/**
 * The committed schemas, keyed as `currentAgencySchemas` keys them: from the store
 * `writeAgencySchemaFiles` writes (each distinct schema once, and its index), or, in a
 * directory without an index (a dashboard team's copy), from `<AGENCY>/<ROLE>.graphql` files.
 */
export function committedAgencySchemas(dir: string = agencySchemasDir): Map<string, string> {
  if (existsSync(join(dir, AGENCY_SCHEMA_INDEX))) return readAgencySchemaStore(dir);
  const schemas = new Map<string, string>();
  if (!existsSync(dir)) return schemas;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.graphql')) {
      const path = join(entry.parentPath, entry.name);
      schemas.set(relative(dir, path), withoutHeader(readFileSync(path, 'utf8')));
    }
  }
  return schemas;
}

/**
 * Replaces the committed schemas with `schemas`: each distinct schema stored once, named
 * after the agencies and roles that get it, and the index of who gets which
 * (`renderAgencySchemaStore`). Files no longer produced are removed, and so are the
 * per-agency directories of the earlier one-file-per-agency-and-role layout.
 */
export function writeAgencySchemaFiles(
  schemas: ReadonlyMap<string, string>,
  dir: string = agencySchemasDir,
  agencies: readonly SchemaAgency[] = DEV_AGENCIES,
): void {
  const files = renderAgencySchemaStore(schemas, new Map(agencies.map((agency) => [agency.code, agency.kind])));
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.graphql') && !files.has(entry.name)) rmSync(path);
    if (entry.isDirectory()) {
      for (const file of readdirSync(path)) if (file.endsWith('.graphql')) rmSync(join(path, file));
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    }
  }
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
}

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { apiSchemaOf, buildAgencySchema, compileFieldPolicy, gatewayPolicy, printAgencySchema } from '@intel-gateway/gateway';
import { CLEARANCES, type AgencyKind, type Role } from '@intel-gateway/shared/identity';
import { toPolicySubject } from '@intel-gateway/shared/policy';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import { DEV_AGENCIES } from '../identity/devKeys';

/** Where the published per-agency schemas are committed: `<AGENCY>/<ROLE>.graphql`. */
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
export async function currentAgencySchemas(supergraphSdl: string, agencies: readonly SchemaAgency[] = DEV_AGENCIES): Promise<Map<string, string>> {
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

/** The committed schemas, keyed as `currentAgencySchemas` keys them. */
export function committedAgencySchemas(dir: string = agencySchemasDir): Map<string, string> {
  const schemas = new Map<string, string>();
  if (!existsSync(dir)) return schemas;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.graphql')) {
      const path = join(entry.parentPath, entry.name);
      schemas.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  }
  return schemas;
}

/** Replaces the committed schemas with `schemas`: files no longer produced are removed. */
export function writeAgencySchemaFiles(schemas: ReadonlyMap<string, string>, dir: string = agencySchemasDir): void {
  for (const path of committedAgencySchemas(dir).keys()) if (!schemas.has(path)) rmSync(join(dir, path));
  for (const [path, sdl] of schemas) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), sdl);
  }
  for (const entry of existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : []) {
    if (entry.isDirectory() && readdirSync(join(dir, entry.name)).length === 0) rmSync(join(dir, entry.name), { recursive: true });
  }
}

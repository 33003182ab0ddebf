import { buildSchema, findBreakingChanges, findDangerousChanges } from 'graphql';

/** What changed in one agency-and-role schema between the committed and the current version. */
export interface AgencySchemaChange {
  /** `<AGENCY>/<ROLE>.graphql` */
  path: string;
  /** Changes that break a dashboard written against the committed schema. */
  breaking: string[];
  /** Changes that may change a dashboard's results (a new enum value, a new default). */
  dangerous: string[];
  /** The schema changed in ways no existing operation notices (new fields, new types). */
  changed: boolean;
}

/**
 * Compares every committed schema with the current one (graphql-js's own breaking- and
 * dangerous-change finders). A schema that disappeared breaks everything its dashboards
 * used; a new one breaks nothing.
 */
export function compareAgencySchemas(committed: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>): AgencySchemaChange[] {
  const changes: AgencySchemaChange[] = [];
  for (const path of [...new Set([...committed.keys(), ...current.keys()])].sort()) {
    const before = committed.get(path);
    const after = current.get(path);
    if (before === after) continue;
    if (before === undefined) {
      changes.push({ path, breaking: [], dangerous: [], changed: true });
    } else if (after === undefined) {
      changes.push({ path, breaking: ['The agency with this role may no longer query anything.'], dangerous: [], changed: true });
    } else {
      const [old, now] = [buildSchema(before), buildSchema(after)];
      changes.push({
        path,
        breaking: findBreakingChanges(old, now).map((change) => `${change.type}: ${change.description}`),
        dangerous: findDangerousChanges(old, now).map((change) => `${change.type}: ${change.description}`),
        changed: true,
      });
    }
  }
  return changes;
}

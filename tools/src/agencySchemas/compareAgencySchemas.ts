import { buildSchema, findBreakingChanges, findDangerousChanges, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';

/** What changed in one agency-and-role schema between the committed and the current version. */
export interface AgencySchemaChange {
  /** `<AGENCY>/<ROLE>.graphql` */
  path: string;
  /** Changes that break a dashboard written against the committed schema. */
  breaking: string[];
  /** Changes that may change a dashboard's results (a new enum value, a new default). */
  dangerous: string[];
  /** Fields the agency with this role may now read that it could not before (`Type.field`): a wider disclosure for someone to agree to. */
  exposed: string[];
}

/** Every output field of a schema as `Type.field`. */
function fieldCoordinates(schema: GraphQLSchema | undefined): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema?.getTypeMap() ?? {})) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.keys(type.getFields())) coordinates.add(`${type.name}.${field}`);
  }
  return coordinates;
}

/**
 * Compares every committed schema with the current one (graphql-js's own breaking- and
 * dangerous-change finders) and lists the fields it newly exposes. A schema that
 * disappeared breaks everything its dashboards used; a new one breaks nothing but exposes
 * all its fields.
 */
export function compareAgencySchemas(committed: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>): AgencySchemaChange[] {
  const changes: AgencySchemaChange[] = [];
  for (const path of [...new Set([...committed.keys(), ...current.keys()])].sort()) {
    const before = committed.get(path);
    const after = current.get(path);
    if (before === after) continue;
    const [old, now] = [before === undefined ? undefined : buildSchema(before), after === undefined ? undefined : buildSchema(after)];
    const known = fieldCoordinates(old);
    const exposed = [...fieldCoordinates(now)].filter((coordinate) => !known.has(coordinate)).sort();
    if (!old) {
      changes.push({ path, breaking: [], dangerous: [], exposed });
    } else if (!now) {
      changes.push({ path, breaking: ['The agency with this role may no longer query anything.'], dangerous: [], exposed });
    } else {
      changes.push({
        path,
        breaking: findBreakingChanges(old, now).map((change) => `${change.type}: ${change.description}`),
        dangerous: findDangerousChanges(old, now).map((change) => `${change.type}: ${change.description}`),
        exposed,
      });
    }
  }
  return changes;
}

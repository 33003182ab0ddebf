import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import { getNamedType, type GraphQLSchema, isInterfaceType, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { type CompiledPolicy, denialForEveryRecord } from './fieldPolicy';

/**
 * The part of the API schema one subject may query: every field its principal-only rules
 * allow, plus fields under record rules that some record could allow (a record rule
 * combined with a rule that denies this subject, such as `retainUntil` for anyone but an
 * OWNER_ADMIN, allows no record and is left out: see denialForEveryRecord). A field whose type is
 * left with no visible field goes too, and so on until nothing changes; types nobody can
 * reach are pruned. Introspection and the downloadable SDL both come from this schema, so
 * an agency never learns the names of fields it may not read. Null when the subject may
 * query no root field at all (a schema cannot be empty).
 */
export async function buildAgencySchema(policy: CompiledPolicy, subject: PolicySubject): Promise<GraphQLSchema | null> {
  const { schema } = policy;
  const visible = new Set<string>();
  const shieldCache: Record<string, unknown> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const rule = policy.ruleFor(type.name, fieldName);
      if (rule && (await denialForEveryRecord(rule, subject, shieldCache)) === null) visible.add(`${type.name}.${fieldName}`);
    }
  }
  const hasVisibleField = (typeName: string) => {
    const type = schema.getType(typeName);
    return !(isObjectType(type) || isInterfaceType(type)) || Object.keys(type.getFields()).some((f) => visible.has(`${typeName}.${f}`));
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const coordinate of visible) {
      const [typeName, fieldName] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName);
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      if (!hasVisibleField(getNamedType(type.getFields()[fieldName]!.type).name)) {
        visible.delete(coordinate);
        changed = true;
      }
    }
  }
  const keep = (typeName: string, fieldName: string) => visible.has(`${typeName}.${fieldName}`);
  const queryType = schema.getQueryType();
  if (!queryType || !hasVisibleField(queryType.name)) return null;
  const rootTypeName = {
    Query: queryType.name,
    Mutation: schema.getMutationType()?.name,
    Subscription: schema.getSubscriptionType()?.name,
  };
  return pruneSchema(
    filterSchema({
      schema,
      rootFieldFilter: (operation, fieldName) => keep(rootTypeName[operation] ?? '', fieldName),
      objectFieldFilter: keep,
      interfaceFieldFilter: keep,
    }),
  );
}

/** The SDL an agency downloads: its schema, sorted so that diffs between versions stay small. */
export function printAgencySchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}

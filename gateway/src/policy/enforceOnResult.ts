import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, isAbstractType, type FieldNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared';
import { RESERVED_ALIAS_PREFIX, TYPENAME_ALIAS, type PlanEntry, type SelectionPlan } from './decideOperation';
import { evaluateRule, forbiddenFieldError } from './fieldPolicy';

type Path = readonly (string | number)[];
type ResultObject = Record<string, unknown>;

/** Whether `@skip`/`@include` keep a field, given the request's variables. */
function isIncluded(field: FieldNode, variables: Record<string, unknown>): boolean {
  if (!field.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, field, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, field, variables)?.if !== false;
}

/**
 * Applies the result half of a decision to the data the gateway fetched, in place:
 *
 * - each field removed before planning gets one FORBIDDEN error per path where its parent
 *   object came back (its value was never fetched);
 * - each field under a record rule is decided on its parent object, using the fields the
 *   rule asked for under reserved aliases; a denied one is set to null, with its error;
 * - the reserved aliases are removed, so the client sees exactly what it asked for.
 */
export async function enforceOnResult(
  schema: GraphQLSchema,
  plan: SelectionPlan,
  data: ResultObject,
  subject: PolicySubject,
  variables: Record<string, unknown>,
): Promise<GraphQLError[]> {
  const errors = new Map<string, GraphQLError>();

  const matches = (typeCondition: string | null, runtimeType: string | undefined): boolean => {
    if (typeCondition === null || typeCondition === runtimeType) return true;
    const condition = schema.getType(typeCondition);
    const runtime = runtimeType ? schema.getType(runtimeType) : undefined;
    return !!runtime && isAbstractType(condition) && 'getInterfaces' in runtime && schema.isSubType(condition, runtime as never);
  };

  /** The field entries that apply to an object of `runtimeType`, through matching fragments. */
  const applicable = (plans: readonly SelectionPlan[], runtimeType: string | undefined): Exclude<PlanEntry, { kind: 'fragment' }>[] =>
    plans.flatMap((plan) =>
      plan.entries.flatMap((entry) => (entry.kind === 'fragment' ? (matches(entry.typeCondition, runtimeType) ? applicable([entry.plan], runtimeType) : []) : [entry])),
    );

  const walkValue = async (value: unknown, plans: readonly SelectionPlan[], path: Path): Promise<void> => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      await Promise.all(value.map((item, index) => walkValue(item, plans, [...path, index])));
      return;
    }
    if (typeof value === 'object') await walkObject(value as ResultObject, plans, path);
  };

  const walkObject = async (object: ResultObject, plans: readonly SelectionPlan[], path: Path): Promise<void> => {
    const runtimeType = typeof object[TYPENAME_ALIAS] === 'string' ? (object[TYPENAME_ALIAS] as string) : plans[0]?.typeName;
    const record: ResultObject = {};
    for (const key of Object.keys(object)) {
      if (key.startsWith(RESERVED_ALIAS_PREFIX)) {
        record[key.slice(RESERVED_ALIAS_PREFIX.length)] = object[key];
        delete object[key];
      }
    }
    const below = new Map<string, SelectionPlan[]>();
    const recordDecisions: Promise<void>[] = [];
    const decidedByRecord = new Set<string>();
    for (const entry of applicable(plans, runtimeType)) {
      const fieldPath = [...path, entry.responseKey];
      if (entry.kind === 'denied') {
        if (isIncluded(entry.field, variables)) errors.set(JSON.stringify(fieldPath), forbiddenFieldError(entry.coordinate, entry.reason, fieldPath));
        continue;
      }
      if (entry.kind === 'record' && !decidedByRecord.has(entry.responseKey) && entry.responseKey in object) {
        decidedByRecord.add(entry.responseKey);
        recordDecisions.push(
          evaluateRule(entry.rule, subject, record).then((reason) => {
            if (!reason) return;
            object[entry.responseKey] = null;
            below.delete(entry.responseKey);
            errors.set(JSON.stringify(fieldPath), forbiddenFieldError(entry.coordinate, reason, fieldPath));
          }),
        );
      }
      const children = entry.children;
      if (children) below.set(entry.responseKey, [...(below.get(entry.responseKey) ?? []), children]);
    }
    await Promise.all(recordDecisions);
    await Promise.all([...below].map(([key, childPlans]) => walkValue(object[key], childPlans, [...path, key])));
  };

  await walkObject(data, [plan], []);
  return [...errors.values()];
}

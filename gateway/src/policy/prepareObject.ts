import { type GraphQLSchema, isAbstractType } from 'graphql';
import { type PlanEntry, type RecordPlan, type SelectionPlan, TYPENAME_ALIAS } from './operationPlan';

type DeniedEntry = Extract<PlanEntry, { kind: 'denied' }>;
type RecordEntry = Extract<PlanEntry, { kind: 'record' }>;

/** What a selection plan asks of one object of a given runtime type, through matching fragments. */
export interface PreparedSelection {
  denied: DeniedEntry[];
  record: RecordEntry[];
  children: Map<string, SelectionPlan[]>;
  /** Field name behind each child's response key, for disclosed field paths. */
  childFields: Map<string, string>;
  injected: string[];
  recordFields: [field: string, responseKey: string][];
  records: RecordPlan[];
}

/** Prepared selections, per plan and runtime type; plans live as long as their cached decision. */
const prepared = new WeakMap<SelectionPlan, Map<string, PreparedSelection>>();

/** What `plan` asks of an object of `runtimeType`: prepared once per plan and type, then looked up. */
export function prepareSelection(schema: GraphQLSchema, plan: SelectionPlan, runtimeType: string): PreparedSelection {
  let byType = prepared.get(plan);
  if (!byType) prepared.set(plan, (byType = new Map()));
  let ready = byType.get(runtimeType);
  if (ready) return ready;
  ready = { denied: [], record: [], children: new Map(), childFields: new Map(), injected: [], recordFields: [], records: [] };
  // A fragment's plan is one object however often it is spread; taking it once keeps this linear.
  const added = new Set<SelectionPlan>();
  const add = (from: SelectionPlan) => {
    if (added.has(from)) return;
    added.add(from);
    ready.injected.push(...from.injected);
    ready.recordFields.push(...from.recordFields);
    if (from.record) ready.records.push(from.record);
    for (const entry of from.entries) {
      if (entry.kind === 'fragment') {
        if (matches(schema, entry.typeCondition, runtimeType)) add(entry.plan);
        continue;
      }
      if (entry.kind === 'denied') ready.denied.push(entry);
      else if (entry.kind === 'record') ready.record.push(entry);
      if (entry.kind !== 'denied' && entry.children) {
        ready.children.set(entry.responseKey, [...(ready.children.get(entry.responseKey) ?? []), entry.children]);
        ready.childFields.set(entry.responseKey, entry.fieldName);
      }
    }
  };
  add(plan);
  ready.injected = [...new Set(ready.injected)];
  byType.set(runtimeType, ready);
  return ready;
}

function matches(schema: GraphQLSchema, typeCondition: string | null, runtimeType: string): boolean {
  if (typeCondition === null || typeCondition === runtimeType) return true;
  const condition = schema.getType(typeCondition);
  const runtime = schema.getType(runtimeType);
  return !!runtime && isAbstractType(condition) && 'getInterfaces' in runtime && schema.isSubType(condition, runtime as never);
}

/** The runtime type the record rules read an object as: the `__typename` the gateway asked for, else the selection's static type. */
export function runtimeTypeOf(object: Record<string, unknown>, plans: readonly SelectionPlan[]): string {
  const typename = object[TYPENAME_ALIAS];
  return typeof typename === 'string' ? typename : plans[0]!.typeName;
}

/** The plans of every child of an object, by response key, merged over the selections that apply to it. */
function childPlansOf(parts: readonly PreparedSelection[]): ReadonlyMap<string, SelectionPlan[]> {
  if (parts.length === 1) return parts[0]!.children;
  const merged = new Map<string, SelectionPlan[]>();
  for (const part of parts) for (const [key, plans] of part.children) merged.set(key, [...(merged.get(key) ?? []), ...plans]);
  return merged;
}

/** What a set of plans asks of an object of one runtime type: each plan's prepared selection, merged. */
export interface PreparedObject {
  parts: PreparedSelection[];
  children: ReadonlyMap<string, SelectionPlan[]>;
  /** Field name behind each child's response key. */
  childFields: ReadonlyMap<string, string>;
  injected: readonly string[];
  /** Whether a record rule or a subject rule reads the object's fields. */
  readsRecord: boolean;
  /** Whether the object is a record. */
  isRecord: boolean;
  /** Whether anything is read from the object itself once it is complete, or reported or removed there (else only its children matter). */
  readsObject: boolean;
}

const typedPlans = new WeakMap<SelectionPlan, boolean>();

/** Whether the gateway asks for the runtime type somewhere in this plan's selection set, its fragments included. */
function asksRuntimeType(plan: SelectionPlan): boolean {
  let asks = typedPlans.get(plan);
  if (asks === undefined) {
    typedPlans.set(plan, false);
    asks = plan.injected.includes(TYPENAME_ALIAS) || plan.entries.some((e) => e.kind === 'fragment' && asksRuntimeType(e.plan));
    typedPlans.set(plan, asks);
  }
  return asks;
}

const typedPlanSets = new WeakMap<readonly SelectionPlan[], boolean>();

/**
 * Whether the gateway asks for the runtime type of an object these plans reach (under its
 * `__typename` alias): only then may a value under that alias be read as the object's type.
 */
export function asksRuntimeTypeOf(plans: readonly SelectionPlan[]): boolean {
  let asks = typedPlanSets.get(plans);
  if (asks === undefined) typedPlanSets.set(plans, (asks = plans.some(asksRuntimeType)));
  return asks;
}

/** Prepared objects, per set of plans (the arrays live with their decision's plans) and runtime type. */
const preparedObjects = new WeakMap<readonly SelectionPlan[], Map<string, PreparedObject>>();
const rootPlans = new WeakMap<SelectionPlan, readonly SelectionPlan[]>();

/** What `plans` ask of an object of `runtimeType`, prepared once per plans and type, then looked up. */
export function prepareObject(schema: GraphQLSchema, plans: readonly SelectionPlan[], runtimeType: string): PreparedObject {
  let byType = preparedObjects.get(plans);
  if (!byType) preparedObjects.set(plans, (byType = new Map()));
  let ready = byType.get(runtimeType);
  if (!ready) {
    const parts = plans.map((p) => prepareSelection(schema, p, runtimeType));
    const childFields = new Map<string, string>();
    for (const part of parts) for (const [key, field] of part.childFields) if (!childFields.has(key)) childFields.set(key, field);
    const injected = parts.length === 1 ? parts[0]!.injected : [...new Set(parts.flatMap((p) => p.injected))];
    const readsRecord = parts.some((part) => part.record.length > 0 || part.records.some((r) => r.subjectRule));
    const isRecord = parts.some((part) => part.records.length > 0);
    ready = {
      parts,
      children: childPlansOf(parts),
      childFields,
      injected,
      readsRecord,
      isRecord,
      readsObject:
        readsRecord || isRecord || injected.length > 0 || parts.some((part) => part.denied.length > 0) || asksRuntimeTypeOf(plans),
    };
    byType.set(runtimeType, ready);
  }
  return ready;
}

/** The plans of a decision's root object, as one array for as long as the plan lives (so what is prepared for it is kept). */
export function rootPlansOf(plan: SelectionPlan): readonly SelectionPlan[] {
  let plans = rootPlans.get(plan);
  if (!plans) rootPlans.set(plan, (plans = [plan]));
  return plans;
}

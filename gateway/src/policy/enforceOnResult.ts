import {
  type FieldNode,
  getDirectiveValues,
  type GraphQLError,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  isAbstractType,
} from 'graphql';
import type { Disclosure } from '@intel-gateway/shared/audit';
import type { DenialReason, PolicySubject, ReleaseFacts, ShieldRule } from '@intel-gateway/shared/policy';
import { evaluateRule, forbiddenFieldError } from './fieldPolicy';
import { type PlanEntry, type RecordPlan, type SelectionPlan, TYPENAME_ALIAS } from './operationPlan';
import { type RecordHandling, recordHandling } from './recordHandling';

type ResultObject = Record<string, unknown>;
type DeniedEntry = Extract<PlanEntry, { kind: 'denied' }>;
type RecordEntry = Extract<PlanEntry, { kind: 'record' }>;

/** A response path as a chain of links, turned into an array only when an error needs it. */
interface PathLink {
  parent: PathLink | null;
  key: string | number;
}
function toPath(link: PathLink | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = link; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** What a selection plan asks of one object of a given runtime type, through matching fragments. */
interface PreparedPlan {
  denied: DeniedEntry[];
  record: RecordEntry[];
  children: Map<string, SelectionPlan[]>;
  /** Field name behind each child's response key, for disclosed field paths. */
  childFields: Map<string, string>;
  injected: string[];
  recordFields: [field: string, responseKey: string][];
  records: RecordPlan[];
}

/** A record the answer holds, as the result walk found it. */
export type EnforcedDisclosure = Disclosure & {
  handling: RecordHandling;
  path: (string | number)[];
  /** Set when the caller may not identify this person-like record at all: the answer must not go out. */
  subjectDenial: DenialReason | null;
};

/** Where the object being walked sits within the record that discloses it. */
interface DisclosureScope {
  fields: Set<string>;
  prefix: string;
}

/** Prepared plans, per plan and runtime type; plans live as long as their cached decision. */
const prepared = new WeakMap<SelectionPlan, Map<string, PreparedPlan>>();

function prepare(schema: GraphQLSchema, plan: SelectionPlan, runtimeType: string): PreparedPlan {
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

/** Whether `@skip`/`@include` keep a field, given the request's variables. */
function isIncluded(field: FieldNode, variables: Record<string, unknown>): boolean {
  if (!field.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, field, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, field, variables)?.if !== false;
}

interface RecordCheck {
  object: ResultObject;
  entry: RecordEntry;
  record: ResultObject;
  link: PathLink;
  scope: DisclosureScope | null;
}

/**
 * Applies the result half of a decision to the data the gateway fetched, in place:
 *
 * - each field removed before planning gets one FORBIDDEN error per path where its parent
 *   object came back (its value was never fetched);
 * - each field under a record rule is decided on its parent object, using the fields the
 *   rule asked for under reserved aliases; a denied one is set to null, with its error
 *   (and errors below it are dropped, since that part of the response is gone);
 * - the reserved aliases are removed, so the client sees exactly what it asked for.
 *
 * - each record the response holds (when records are identified) is listed with its owner,
 *   the field paths it disclosed (less those a record rule withheld), and its handling.
 *
 * The walk itself is synchronous; the record rules it finds are then decided together.
 */
export async function enforceOnResult(
  schema: GraphQLSchema,
  plan: SelectionPlan,
  data: ResultObject,
  /** Record rules see the caller's analysis projects too: they are decided per request, never cached. */
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
): Promise<{ errors: GraphQLError[]; disclosures: EnforcedDisclosure[] }> {
  const denials: { link: PathLink; coordinate: string; reason: DenialReason }[] = [];
  const checks: RecordCheck[] = [];
  const subjectChecks: { disclosure: { subjectDenial?: DenialReason | null }; rule: ShieldRule; record: ResultObject }[] = [];
  const disclosures = new Map<
    string,
    Disclosure & { fieldSet: Set<string>; at: (PathLink | null)[]; handling: RecordHandling; subjectDenial?: DenialReason | null }
  >();

  const walkValue = (value: unknown, plans: readonly SelectionPlan[], link: PathLink, scope: DisclosureScope | null): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) walkValue(value[index], plans, { parent: link, key: index }, scope);
      return;
    }
    walkObject(value as ResultObject, plans, link, scope);
  };

  const walkObject = (
    object: ResultObject,
    plans: readonly SelectionPlan[],
    link: PathLink | null,
    outer: DisclosureScope | null,
  ): void => {
    const typename = object[TYPENAME_ALIAS];
    const runtimeType = typeof typename === 'string' ? typename : plans[0]!.typeName;
    const parts = plans.map((p) => prepare(schema, p, runtimeType));
    const injected = parts.length === 1 ? parts[0]!.injected : [...new Set(parts.flatMap((p) => p.injected))];
    let record: ResultObject | undefined;
    if (parts.some((part) => part.record.length > 0 || part.records.some((r) => r.subjectRule))) {
      record = {};
      for (const part of parts) for (const [field, responseKey] of part.recordFields) record[field] = object[responseKey];
    }
    let scope = outer;
    for (const part of parts) {
      for (const plan of part.records) {
        const id = object[plan.idKey];
        const provenance = (object[plan.provenanceKey] ?? {}) as Partial<ReleaseFacts> & {
          tlp?: unknown;
          handling?: { code?: unknown; conditions?: unknown } | null;
        };
        const key = `${runtimeType}:${String(id)}`;
        let disclosure = disclosures.get(key);
        if (!disclosure) {
          disclosure = {
            type: runtimeType,
            id: String(id),
            owner: typeof provenance.owner === 'string' ? provenance.owner : '',
            fields: [],
            fieldSet: new Set(),
            at: [],
            handling: recordHandling(
              provenance,
              plan.markings.map(({ responseKey, type }) => ({ type, value: object[responseKey] })),
            ),
          };
          disclosures.set(key, disclosure);
        }
        disclosure.at.push(link);
        if (plan.subjectRule && record) subjectChecks.push({ disclosure, rule: plan.subjectRule, record });
        for (const field of plan.fields) disclosure.fieldSet.add(field);
        scope = { fields: disclosure.fieldSet, prefix: '' };
      }
    }
    const checked = parts.length > 1 ? new Set<string>() : undefined;
    for (const part of parts) {
      for (const entry of part.denied) {
        if (isIncluded(entry.field, variables))
          denials.push({ link: { parent: link, key: entry.responseKey }, coordinate: entry.coordinate, reason: entry.reason });
      }
      for (const entry of part.record) {
        if (!(entry.responseKey in object) || checked?.has(entry.responseKey)) continue;
        checked?.add(entry.responseKey);
        checks.push({ object, entry, record: record!, link: { parent: link, key: entry.responseKey }, scope });
      }
      for (const [key, childPlans] of part.children) {
        const childScope = scope && { fields: scope.fields, prefix: `${scope.prefix}${part.childFields.get(key)}.` };
        // What the gateway added for itself is placed, for the client, at the object that holds it.
        walkValue(object[key], childPlans, injected.includes(key) && link ? link : { parent: link, key }, childScope);
      }
    }
    // Added last, so removing them in reverse order keeps the object's shape fast.
    for (let i = injected.length - 1; i >= 0; i--) delete object[injected[i]!];
  };

  walkObject(data, [plan], null, null);

  // Person-like records the caller may not identify: the subgraph should have left them out.
  const subjectReasons = await Promise.all(subjectChecks.map((check) => evaluateRule(check.rule, subject, check.record)));
  subjectChecks.forEach((check, index) => {
    check.disclosure.subjectDenial ??= subjectReasons[index] ?? null;
  });
  const errors = new Map<string, GraphQLError>();
  const nulled: string[] = [];
  if (checks.length > 0) {
    const reasons = await Promise.all(checks.map((check) => evaluateRule(check.entry.rule, subject, check.record)));
    checks.forEach((check, index) => {
      const reason = reasons[index];
      if (!reason) return;
      check.object[check.entry.responseKey] = null;
      if (check.scope) {
        const withheld = `${check.scope.prefix}${check.entry.fieldName}`;
        for (const field of check.scope.fields)
          if (field === withheld || field.startsWith(`${withheld}.`)) check.scope.fields.delete(field);
      }
      const path = toPath(check.link);
      const key = JSON.stringify(path);
      nulled.push(key.slice(0, -1));
      errors.set(key, forbiddenFieldError(check.entry.coordinate, reason, path));
    });
  }
  for (const denial of denials) {
    const path = toPath(denial.link);
    errors.set(JSON.stringify(path), forbiddenFieldError(denial.coordinate, denial.reason, path));
  }
  const toDisclosure = ({
    type,
    id,
    owner,
    fieldSet,
    handling,
    at,
    subjectDenial,
  }: Disclosure & { fieldSet: Set<string>; handling: RecordHandling; at: (PathLink | null)[]; subjectDenial?: DenialReason | null }) => ({
    type,
    id,
    owner,
    fields: [...fieldSet],
    handling,
    subjectDenial: subjectDenial ?? null,
    /** Where the record first appears in the response. */
    path: toPath(at[0] ?? null),
  });
  if (nulled.length === 0) return { errors: [...errors.values()], disclosures: [...disclosures.values()].map(toDisclosure) };
  // Drop what was found inside a field that a record rule has since withheld: its errors, and records seen only there.
  const below = (key: string) => nulled.some((prefix) => key.startsWith(`${prefix},`));
  const atOrBelow = (key: string) => below(key) || nulled.some((prefix) => key === `${prefix}]`);
  return {
    errors: [...errors].filter(([key]) => !below(key)).map(([, error]) => error),
    disclosures: [...disclosures.values()].filter((d) => d.at.some((link) => !atOrBelow(JSON.stringify(toPath(link))))).map(toDisclosure),
  };
}

import {
  type FieldNode,
  getDirectiveValues,
  type GraphQLError,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
} from 'graphql';
import type { Disclosure } from '@intel-gateway/shared/audit';
import type { DenialReason, PolicySubject, ReleaseFacts, ShieldRule } from '@intel-gateway/shared/policy';
import { createRecordRuleEvaluator, forbiddenFieldError } from './fieldPolicy';
import type { PlanEntry, SelectionPlan } from './operationPlan';
import { asksRuntimeTypeOf, type PreparedObject, prepareObject, rootPlansOf, runtimeTypeOf } from './prepareObject';
import { checkRecords, type EnforcedDisclosure, type EnforcementOutcome, type RecordCheckInputs } from './recordChecks';
import { type RecordHandling, recordHandling } from './recordHandling';

export type ResultObject = Record<string, unknown>;
type RecordEntry = Extract<PlanEntry, { kind: 'record' }>;

/** A response path as a chain of links, turned into an array only when an error needs it. */
export interface PathLink {
  parent: PathLink | null;
  key: string | number;
}
function toPath(link: PathLink | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = link; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** Where the object being walked sits within the record that discloses it. */
export interface DisclosureScope {
  fields: Set<string>;
  prefix: string;
}

/** Whether `@skip`/`@include` keep a field, given the request's variables. */
function isIncluded(field: FieldNode, variables: Record<string, unknown>): boolean {
  if (!field.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, field, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, field, variables)?.if !== false;
}

/** An object the enforcement entered: what applies to it, where it is, and the record scope its own fields and its children's are disclosed in. */
export interface EnteredObject {
  object: ResultObject;
  plans: readonly SelectionPlan[];
  /** The runtime type it was entered as (the `__typename` the gateway asked for, as fetched), which chose its children's plans. */
  enteredAs: string;
  prepared: PreparedObject;
  link: PathLink | null;
  scope: DisclosureScope | null;
  /** The length of its response path, for a caller that keeps the path itself. */
  depth: number;
}

/** The result half of one request's decision, object by object; see `createResultEnforcement`. */
export interface ResultEnforcement {
  /** Enters the response's root object. */
  root(object: ResultObject, plan: SelectionPlan): EnteredObject;
  /**
   * Enters an object below `parent`, at `key` and at list position `index` (-1 for none), or
   * at positions `indices` where lists nest; null when no plan reaches it. Parents first.
   * `typename`: the value of the gateway's `__typename` alias in the object, as it will be.
   */
  enter(
    parent: EnteredObject,
    key: string,
    index: number,
    indices: readonly number[] | null,
    object: ResultObject,
    typename: unknown,
    depth: number,
  ): EnteredObject | null;
  /** How much was entered so far, for `discard`. */
  mark(): number;
  /** Forgets the objects entered since `mark`: a null has replaced them. */
  discard(mark: number): void;
  /** Says an object was started twice (the same key selected again elsewhere): what was entered is no longer a true picture. */
  distrust(): void;
  /** Whether every entered object is as it was entered (never started twice, its runtime type as read when entered). */
  trusted(): boolean;
  /** Reads the entered objects, now complete, decides the record rules found, nulls what they deny, and gives the errors, the disclosures and the record checks' verdict on them. */
  finish(): Promise<EnforcementOutcome>;
}

type Collected = Disclosure & {
  fieldSet: Set<string>;
  at: (PathLink | null)[];
  handling: RecordHandling;
  subjectDenial?: DenialReason | null;
  subjectRules?: { rule: ShieldRule; record: ResultObject }[];
};

interface RecordCheck {
  object: ResultObject;
  entry: RecordEntry;
  record: ResultObject;
  link: PathLink;
  scope: DisclosureScope | null;
}

/**
 * The record rules of one request, the one implementation for both ways of going through a
 * result: the walk of a finished result (`enforceOnResult`) and the own executor's shaping
 * pass (`createEnforcingVisitor`). Objects are entered parents first, each with the plans
 * that reach it; an object with something to read (records, record-rule fields, denied
 * fields, the gateway's own aliases) is kept, and read once complete, in `finish`:
 *
 * - each field removed before planning gets one FORBIDDEN error per path where its parent
 *   object came back (its value was never fetched);
 * - each field under a record rule is decided on its parent object, using the fields the
 *   rule asked for under reserved aliases; a denied one is set to null, with its error
 *   (and errors below it are dropped, since that part of the response is gone);
 * - the reserved aliases are removed, so the client sees exactly what it asked for;
 * - each record (when records are identified) is listed with its owner, the field paths it
 *   disclosed (less those a record rule withheld), and its handling;
 * - the records listed are checked again against their owners' subgraphs, their release
 *   and the caller's grants, and given their handling entries (`checkRecords`).
 */
export function createResultEnforcement(
  schema: GraphQLSchema,
  /** Record rules see the caller's analysis projects too: they are decided per request, never cached across requests. */
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
  checks: RecordCheckInputs,
): ResultEnforcement {
  const kept: EnteredObject[] = [];
  let trusted = true;

  const entered = (
    object: ResultObject,
    plans: readonly SelectionPlan[],
    enteredAs: string,
    link: PathLink | null,
    outer: DisclosureScope | null,
    depth: number,
  ): EnteredObject => {
    const prepared = prepareObject(schema, plans, enteredAs);
    // A record's own scope: the token of its disclosure's field set, which `finish` knows once it has read the record's id.
    const scope = prepared.isRecord ? { fields: new Set<string>(), prefix: '' } : outer;
    const node: EnteredObject = { object, plans, enteredAs, prepared, link, scope, depth };
    if (prepared.readsObject) kept.push(node);
    return node;
  };

  const enforcement: ResultEnforcement = {
    root: (object, plan) => {
      const plans = rootPlansOf(plan);
      return entered(object, plans, runtimeTypeOf(object, plans), null, null, 0);
    },
    enter: (parent, key, index, indices, object, typename, depth) => {
      const { prepared: up, link: above, scope: around } = parent;
      const plans = up.children.get(key);
      if (!plans) return null;
      // What the gateway added for itself is placed, for the client, at the object that holds it.
      let link: PathLink = up.injected.includes(key) && above ? above : { parent: above, key };
      if (index >= 0) link = { parent: link, key: index };
      else if (indices) for (const at of indices) link = { parent: link, key: at };
      const outer = around && { fields: around.fields, prefix: `${around.prefix}${up.childFields.get(key)}.` };
      // A type under the gateway's alias is read only where the gateway asked for it: a subgraph cannot choose the plans below.
      const enteredAs = typeof typename === 'string' && asksRuntimeTypeOf(plans) ? typename : plans[0]!.typeName;
      return entered(object, plans, enteredAs, link, outer, depth);
    },
    mark: () => kept.length,
    discard: (mark) => {
      kept.length = Math.min(kept.length, mark);
    },
    distrust: () => {
      trusted = false;
    },
    trusted: () => trusted && kept.every((node) => runtimeTypeOf(node.object, node.plans) === node.enteredAs),
    finish: async () => {
      const found = await finish(kept, subject, variables);
      return { ...found, verdict: await checkRecords(found.disclosures, checks) };
    },
  };
  return enforcement;
}

/** Reads the kept objects, parents first, and decides what they hold. */
async function finish(
  kept: readonly EnteredObject[],
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
): Promise<{ errors: GraphQLError[]; disclosures: EnforcedDisclosure[] }> {
  const denials: { link: PathLink; coordinate: string; reason: DenialReason }[] = [];
  const checks: RecordCheck[] = [];
  const subjectChecks: { disclosure: { subjectDenial?: DenialReason | null }; rule: ShieldRule; record: ResultObject }[] = [];
  const disclosures = new Map<string, Collected>();
  /** Each record's scope token, and its disclosure's field set (one per record, however often it appears). */
  const fieldSets = new Map<Set<string>, Set<string>>();
  for (const { object, prepared, link, scope, enteredAs: runtimeType } of kept) {
    const { parts, readsRecord } = prepared;
    let record: ResultObject | undefined;
    if (readsRecord) {
      record = {};
      for (const part of parts) for (const [field, responseKey] of part.recordFields) record[field] = object[responseKey];
    }
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
        if (plan.subjectRule && record) {
          subjectChecks.push({ disclosure, rule: plan.subjectRule, record });
          (disclosure.subjectRules ??= []).push({ rule: plan.subjectRule, record });
        }
        for (const field of plan.fields) disclosure.fieldSet.add(field);
        fieldSets.set(scope!.fields, disclosure.fieldSet);
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
    }
  }
  for (const { object, prepared } of kept) {
    // Added last, so removing them in reverse order keeps the object's shape fast.
    const { injected } = prepared;
    for (let i = injected.length - 1; i >= 0; i--) delete object[injected[i]!];
  }

  const evaluate = createRecordRuleEvaluator(subject);
  // Person-like records the caller may not identify: the subgraph should have left them out.
  const subjectReasons = await Promise.all(subjectChecks.map((check) => evaluate(check.rule, check.record)));
  subjectChecks.forEach((check, index) => {
    check.disclosure.subjectDenial ??= subjectReasons[index] ?? null;
  });
  const errors = new Map<string, GraphQLError>();
  const nulled: string[] = [];
  if (checks.length > 0) {
    const reasons = await Promise.all(checks.map((check) => evaluate(check.entry.rule, check.record)));
    checks.forEach((check, index) => {
      const reason = reasons[index];
      if (!reason) return;
      check.object[check.entry.responseKey] = null;
      if (check.scope) {
        const withheld = `${check.scope.prefix}${check.entry.fieldName}`;
        const fields = fieldSets.get(check.scope.fields) ?? check.scope.fields;
        for (const field of fields) if (field === withheld || field.startsWith(`${withheld}.`)) fields.delete(field);
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
  const toDisclosure = ({ type, id, owner, fieldSet, handling, at, subjectDenial, subjectRules }: Collected): EnforcedDisclosure => ({
    type,
    id,
    owner,
    fields: [...fieldSet],
    handling,
    subjectDenial: subjectDenial ?? null,
    subjectRules: subjectRules ?? [],
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

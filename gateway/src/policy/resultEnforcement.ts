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
import { evaluateRule, forbiddenFieldError } from './fieldPolicy';
import type { PlanEntry, SelectionPlan } from './operationPlan';
import { type PreparedObject, type PreparedSelection, prepareObject, runtimeTypeOf } from './prepareObject';
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

/** A record the answer holds, as the result walk found it. */
export type EnforcedDisclosure = Disclosure & {
  handling: RecordHandling;
  path: (string | number)[];
  /** Set when the caller may not identify this person-like record at all: the answer must not go out. */
  subjectDenial: DenialReason | null;
};

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

/** One object as the enforcement saw it: what applies to it, and where its children stand. */
export interface VisitedObject {
  parts: PreparedSelection[];
  children: ReadonlyMap<string, SelectionPlan[]>;
  injected: readonly string[];
  link: PathLink | null;
  scope: DisclosureScope | null;
}

/** Where a child of a visited object stands: its path and the record scope its fields are disclosed in. */
export function childPlace(parent: VisitedObject, key: string): { link: PathLink; scope: DisclosureScope | null } {
  const { link, scope, injected } = parent;
  const field = parent.parts.find((part) => part.childFields.has(key))?.childFields.get(key);
  return {
    // What the gateway added for itself is placed, for the client, at the object that holds it.
    link: injected.includes(key) && link ? link : { parent: link, key },
    scope: scope && { fields: scope.fields, prefix: `${scope.prefix}${field}.` },
  };
}

/** The result half of one request's decision, applied object by object; see `enforceOnResult`. */
export interface ResultEnforcement {
  /**
   * Lists the object's records, its denied fields and its record-rule checks; its children
   * are left to the caller. `prepared`: what the plans ask of the object's runtime type, when
   * the caller has it already.
   */
  visitObject(
    object: ResultObject,
    plans: readonly SelectionPlan[],
    link: PathLink | null,
    outer: DisclosureScope | null,
    prepared?: PreparedObject,
  ): VisitedObject;
  /** Removes what the gateway added for itself from a visited object, once its children are visited. */
  removeInjected(object: ResultObject, visited: VisitedObject): void;
  /** Decides the record rules found, nulls what they deny, and gives the errors and the disclosures. */
  finish(): Promise<{ errors: GraphQLError[]; disclosures: EnforcedDisclosure[] }>;
}

type Collected = Disclosure & {
  fieldSet: Set<string>;
  at: (PathLink | null)[];
  handling: RecordHandling;
  subjectDenial?: DenialReason | null;
};

interface RecordCheck {
  object: ResultObject;
  entry: RecordEntry;
  record: ResultObject;
  link: PathLink;
  scope: DisclosureScope | null;
}

/**
 * The record rules of one request, as the one implementation both ways of visiting a result
 * use: the walk of a finished result (`enforceOnResult`) and the visitor inside the own
 * executor's shaping pass (`createEnforcingVisitor`). Objects are visited parents first.
 */
export function createResultEnforcement(
  schema: GraphQLSchema,
  /** Record rules see the caller's analysis projects too: they are decided per request, never cached. */
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
): ResultEnforcement {
  const denials: { link: PathLink; coordinate: string; reason: DenialReason }[] = [];
  const checks: RecordCheck[] = [];
  const subjectChecks: { disclosure: { subjectDenial?: DenialReason | null }; rule: ShieldRule; record: ResultObject }[] = [];
  const disclosures = new Map<string, Collected>();

  const visitObject: ResultEnforcement['visitObject'] = (object, plans, link, outer, prepared) => {
    const runtimeType = runtimeTypeOf(object, plans);
    const { parts, children, injected, readsRecord } = prepared ?? prepareObject(schema, plans, runtimeType);
    let record: ResultObject | undefined;
    if (readsRecord) {
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
    }
    return { parts, children, injected, link, scope };
  };

  const removeInjected: ResultEnforcement['removeInjected'] = (object, { injected }) => {
    // Added last, so removing them in reverse order keeps the object's shape fast.
    for (let i = injected.length - 1; i >= 0; i--) delete object[injected[i]!];
  };

  const finish: ResultEnforcement['finish'] = async () => {
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
    const toDisclosure = ({ type, id, owner, fieldSet, handling, at, subjectDenial }: Collected): EnforcedDisclosure => ({
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
  };

  return { visitObject, removeInjected, finish };
}

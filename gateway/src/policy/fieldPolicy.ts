import {
  type FieldNode,
  getNamedType,
  type GraphQLError,
  type GraphQLSchema,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { and, chain, deny, type IRule, or, race } from 'graphql-shield';
import { refusalError } from '@intel-gateway/shared/errors';
import { DenialReason, PolicyDenial, type PolicySubject, type ShieldRule } from '@intel-gateway/shared/policy';

/** Fields that name a record: a type with one of them (and its provenance) is what the gateway audits and re-checks. */
export const RECORD_IDENTIFIER_FIELDS = ['id', 'code'] as const;

/** The operation root types, never records. */
export const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);
export type { ShieldRule };

/** A field policy in graphql-shield's shape: type → field (or `'*'`) → rule. */
export type FieldPolicy = Record<string, Record<string, ShieldRule>>;

/** A policy as the gateway takes it: the rules, and a version that changes when their meaning does (cached decisions are keyed by it). */
export interface GatewayPolicy {
  version: string;
  rules: FieldPolicy;
}

/** The policy names types or fields the schema lacks, or puts a record rule where it cannot act. */
export class PolicySchemaMismatchError extends Error {
  constructor(readonly problems: string[]) {
    super(`The field policy does not match the schema:\n  - ${problems.join('\n  - ')}`);
  }
}

/** A policy checked against one API schema, ready to decide operations. */
export interface CompiledPolicy {
  schema: GraphQLSchema;
  /** The rule for `type.field`: its own entry, else the type's `'*'`, else none (denied). */
  ruleFor(typeName: string, fieldName: string): ShieldRule | undefined;
  /** `Type.field` of every schema field no rule covers; all of them are denied. */
  unruled: string[];
  /**
   * Record types (object types carrying `provenance`), each with the field that identifies
   * a record (`id`, or `code` for analysis projects): what the disclosure audit names.
   */
  recordTypes: ReadonlyMap<string, string>;
  /**
   * Search candidate types (a `score` and one field leading to a record), each with that
   * field: a candidate discloses the record it stands for, whatever the caller selected.
   */
  candidateTypes: ReadonlyMap<string, string>;
}

/** True when a rule reads the record: it, or one of the rules it combines, declares a fragment. */
export function isRecordRule(rule: ShieldRule): boolean {
  return 'getRules' in rule ? rule.getRules().some(isRecordRule) : rule.extractFragment() !== undefined;
}

const recordSelections = new WeakMap<ShieldRule, readonly FieldNode[]>();

/**
 * The fields a record rule needs from its parent object: the union of its fragments, each
 * written as a selection set such as `{ owner }`.
 */
export function recordSelection(rule: ShieldRule): readonly FieldNode[] {
  let fields = recordSelections.get(rule);
  if (!fields) {
    const fragments = 'getRules' in rule ? rule.extractFragments() : [rule.extractFragment()].filter((f): f is string => f !== undefined);
    fields = fragments.flatMap((fragment) => {
      const operation = parse(fragment).definitions[0] as OperationDefinitionNode;
      return operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === 'Field');
    });
    recordSelections.set(rule, fields);
  }
  return fields;
}

const SHIELD_OPTIONS: Parameters<IRule['resolve']>[4] = {
  debug: false,
  allowExternalErrors: true,
  fallbackRule: deny,
  hashFunction: ({ parent, args }) => JSON.stringify([parent, args]),
};

/**
 * Runs one graphql-shield rule for a subject (and, for record rules, the record), giving
 * `null` when it allows and the denial reason otherwise. A rule that throws denies.
 * `shieldCache` is graphql-shield's per-request cache for 'contextual' rules; share it only
 * between evaluations for the same subject and no record.
 */
export async function evaluateRule(
  rule: ShieldRule,
  subject: PolicySubject & { projects?: readonly string[] },
  record?: object,
  shieldCache: Record<string, unknown> = {},
): Promise<DenialReason | null> {
  const context = { caller: { principal: subject }, _shield: { cache: shieldCache } };
  const result = await rule.resolve(record ?? {}, {}, context as never, undefined as never, SHIELD_OPTIONS);
  if (result === true) return null;
  return result instanceof PolicyDenial ? result.reason : DenialReason.DENIED;
}

/** Decides record rules for one request's subject; see `createRecordRuleEvaluator`. */
export type RecordRuleEvaluator = (rule: ShieldRule, record: Record<string, unknown>) => Promise<DenialReason | null>;

/**
 * Evaluates record rules for one request's subject, each rule once per distinct record: one
 * answer often holds the same record at many places (the same review under each product that
 * lists it), and each evaluation goes through graphql-shield's promises. A rule is handed
 * the record's fields that the object's record rules read (their fragments), all of them in
 * the key, so records with equal values get the same decision, whatever graphql-shield
 * cache option the rule has: a rule that reads the clock or another store could otherwise
 * show a record at one place of an answer and withhold it at another. Only records whose
 * values are all scalars are remembered, under a key exact for them; any other record is
 * evaluated each time.
 */
export function createRecordRuleEvaluator(subject: PolicySubject & { projects?: readonly string[] }): RecordRuleEvaluator {
  const decided = new Map<ShieldRule, Map<string, Promise<DenialReason | null>>>();
  return (rule, record) => {
    const key = scalarRecordKey(record);
    if (key === undefined) return evaluateRule(rule, subject, record);
    let byRecord = decided.get(rule);
    if (!byRecord) decided.set(rule, (byRecord = new Map()));
    let decision = byRecord.get(key);
    if (!decision) byRecord.set(key, (decision = evaluateRule(rule, subject, record)));
    return decision;
  };
}

/** Each field's name, type and value (strings prefixed by their length, so no value passes for another), or undefined when a value is not a scalar. */
function scalarRecordKey(record: Record<string, unknown>): string | undefined {
  let key = '';
  for (const field in record) {
    const value = record[field];
    if (typeof value === 'string') key += `${field}=s${value.length}:${value};`;
    else if (typeof value === 'number') key += `${field}=n${Object.is(value, -0) ? '-0' : String(value)};`;
    else if (typeof value === 'boolean') key += `${field}=b${String(value)};`;
    else if (value === null) key += `${field}=null;`;
    else if (value === undefined) key += `${field}=undefined;`;
    else return undefined;
  }
  return key;
}

/** graphql-shield's logic rule classes, which it does not export: every branch must allow (and, chain) or one must (or, race). */
const ALL_MUST_ALLOW = [and().constructor, chain().constructor];
const ONE_MUST_ALLOW = [or().constructor, race().constructor];
const isInstance = (rule: ShieldRule, classes: readonly Function[]) => classes.some((c) => rule instanceof c);

/**
 * The reason a rule denies this subject whatever the record, or null when some record could
 * be allowed. Principal-only parts are decided now: a record rule combined with one that
 * denies the caller (`and(recordAdministrators, recordOwnerAgencyOnly)` for anyone but an
 * OWNER_ADMIN) can never allow, so its field is removed before planning like a
 * principal-only denial and never fetched. A rule that reads the record by itself, or a
 * negation, is left to the record.
 */
export async function denialForEveryRecord(
  rule: ShieldRule,
  subject: PolicySubject,
  shieldCache: Record<string, unknown> = {},
): Promise<DenialReason | null> {
  if (!isRecordRule(rule)) return evaluateRule(rule, subject, undefined, shieldCache);
  if (!('getRules' in rule)) return null;
  const reasons = await Promise.all(rule.getRules().map((r) => denialForEveryRecord(r, subject, shieldCache)));
  if (isInstance(rule, ALL_MUST_ALLOW)) return reasons.find((reason) => reason !== null) ?? null;
  if (isInstance(rule, ONE_MUST_ALLOW) && reasons.length > 0 && reasons.every((reason) => reason !== null)) return reasons[0]!;
  return null;
}

/** The error a client gets for each denied field, at the field's path. */
export function forbiddenFieldError(coordinate: string, reason: DenialReason, path: readonly (string | number)[]): GraphQLError {
  return refusalError(reason, `Access to ${coordinate} is denied (${reason}).`, { path, extensions: { field: coordinate } });
}

/**
 * Checks a policy against the API schema it will guard. Every type and field it names must
 * exist (a typo would otherwise silently deny, or worse, silently leave a field to the
 * default), and record rules may sit only on nullable fields, because the gateway nulls
 * the field when the record denies it. All problems are reported at once.
 */
export function compileFieldPolicy(policy: { rules: FieldPolicy }, schema: GraphQLSchema): CompiledPolicy {
  const problems: string[] = [];
  for (const [typeName, fields] of Object.entries(policy.rules)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) {
      problems.push(`type "${typeName}" is not an object or interface type of the schema`);
      continue;
    }
    const schemaFields = type.getFields();
    for (const [fieldName, rule] of Object.entries(fields)) {
      const covered = fieldName === '*' ? Object.keys(schemaFields).filter((name) => !(name in fields)) : [fieldName];
      if (fieldName !== '*' && !schemaFields[fieldName]) {
        problems.push(`field "${typeName}.${fieldName}" does not exist in the schema`);
        continue;
      }
      if (!isRecordRule(rule)) continue;
      for (const name of covered) {
        if (isNonNullType(schemaFields[name]!.type))
          problems.push(`record rule on non-null field "${typeName}.${name}": the gateway could not withhold it`);
      }
      for (const needed of recordSelection(rule)) {
        if (!schemaFields[needed.name.value])
          problems.push(`record rule on "${typeName}.${fieldName}" needs "${typeName}.${needed.name.value}", which does not exist`);
      }
    }
  }
  if (problems.length > 0) throw new PolicySchemaMismatchError(problems);

  // Own keys only: a field named `constructor` or `toString` has no rule unless the policy gives it one.
  const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
    record && Object.hasOwn(record, key) ? record[key] : undefined;
  const ruleFor = (typeName: string, fieldName: string) => {
    const fields = own(policy.rules, typeName);
    return own(fields, fieldName) ?? own(fields, '*');
  };
  const unruled: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (!isObjectType(type) && !isInterfaceType(type))) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      if (!ruleFor(type.name, fieldName)) unruled.push(`${type.name}.${fieldName}`);
    }
  }
  const recordTypes = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields = type.getFields();
    const identity = RECORD_IDENTIFIER_FIELDS.find((name) => fields[name]);
    if (fields.provenance && identity) recordTypes.set(type.name, identity);
  }
  const candidateTypes = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || recordTypes.has(type.name) || ROOT_TYPES.has(type.name)) continue;
    const fields = type.getFields();
    const toRecords = Object.values(fields).filter((field) => recordTypes.has(getNamedType(field.type).name));
    if (fields.score && toRecords.length === 1) candidateTypes.set(type.name, toRecords[0]!.name);
  }
  return { schema, ruleFor, unruled, recordTypes, candidateTypes };
}

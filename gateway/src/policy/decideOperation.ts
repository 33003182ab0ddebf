import { createHash } from 'node:crypto';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  print,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { BadUserInputError } from '@intel-gateway/shared/errors';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { createAdditionDenial } from './additionDenial';
import { createFieldDecisions } from './createFieldDecisions';
import { createDisclosedPaths } from './disclosedPaths';
import { type CompiledPolicy, recordSelection } from './fieldPolicy';
import {
  CANDIDATE_ALIAS,
  type FieldDecision,
  type OperationDecision,
  type PlanEntry,
  RECORD_ID_ALIAS,
  RECORD_PROVENANCE_ALIAS,
  type RecordPlan,
  RESERVED_ALIAS_PREFIX,
  type SelectionPlan,
  TYPENAME_ALIAS,
} from './operationPlan';
import { recordIdentityOf } from './recordIdentity';
import { SUBJECT_RECORD_RULES } from './rules';
import { aliasField, classifyIntrospection, isPlainField, plainField, recordProvenanceField, typenameField } from './selectionBuilders';

/**
 * Decides an operation for one subject before it is planned:
 *
 * - fields whose principal-only rule denies are removed (so the query planner never fetches
 *   them) and remembered, to be reported at each path in the result;
 * - fields with a record rule stay, and the fields the rule needs from the parent object are
 *   added under reserved aliases, to be decided on the fetched data;
 * - a selection set left empty gets an aliased `__typename`, so the operation stays valid
 *   and the parent keeps its place in the response.
 *
 * Fragment definitions are rewritten once each (decisions depend on type and field, not on
 * where a fragment is spread), so fragments never multiply.
 */
export async function decideOperation(
  policy: CompiledPolicy,
  subject: PolicySubject,
  document: DocumentNode,
  operationName: string | null | undefined,
  queryHash: string,
  /** identifyRecords: ask for each record's identity and provenance, for the audit and the handling extension. */
  options: { identifyRecords: boolean } = { identifyRecords: false },
): Promise<OperationDecision> {
  const { schema } = policy;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!operation) throw new BadUserInputError('operationName', 'no operation of that name in the document');
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );

  const introspection = classifyIntrospection(operation.selectionSet, fragments);
  const fields: FieldDecision[] = [];
  if (introspection !== 'none') return { document, queryHash, plan: null, introspection, fields };

  const { decide, denialOf } = createFieldDecisions(policy, subject);

  const additionDenial = createAdditionDenial(denialOf);

  const identityOf = (type: GraphQLCompositeType) => recordIdentityOf(policy, type, options.identifyRecords);

  let changed = false;
  const rewrittenFragments = new Map<string, { definition: FragmentDefinitionNode; plan: SelectionPlan | null }>();

  const rewriteSelectionSet = async (
    set: SelectionSetNode,
    parentType: GraphQLCompositeType,
    path: string,
  ): Promise<{ set: SelectionSetNode; plan: SelectionPlan | null }> => {
    const selections: SelectionNode[] = [];
    const entries: PlanEntry[] = [];
    const injected = new Map<string, FieldNode>();
    const recordFields = new Map<string, string>();
    const needs: FieldNode[] = [];
    const identity = identityOf(parentType);
    // A person-like record is also checked for whether the caller may identify it at all (its role or category).
    const subjectRule = identity ? SUBJECT_RECORD_RULES[parentType.name] : undefined;
    // A record the gateway may not identify (for the audit, the release re-check and the subject re-check) is disclosed in nothing but its place.
    const unidentifiable = identity
      ? await additionDenial(parentType, [...identity.fields, ...(subjectRule ? recordSelection(subjectRule) : [])])
      : null;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const fieldName = selection.name.value;
        const responseKey = selection.alias?.value ?? fieldName;
        if (responseKey.startsWith(RESERVED_ALIAS_PREFIX))
          throw new BadUserInputError(responseKey, `aliases starting with "${RESERVED_ALIAS_PREFIX}" are reserved for the gateway`);
        if (fieldName === '__typename' || !(isObjectType(parentType) || isInterfaceType(parentType))) {
          selections.push(selection);
          continue;
        }
        const definition = parentType.getFields()[fieldName];
        if (!definition) {
          selections.push(selection);
          continue;
        }
        const coordinate = `${parentType.name}.${fieldName}`;
        const fieldPath = `${path}.${responseKey}`;
        const decision = await decide(parentType.name, fieldName);
        const rule = decision === 'record' ? policy.ruleFor(parentType.name, fieldName)! : undefined;
        const reason =
          decision !== 'record'
            ? (decision ?? unidentifiable)
            : (unidentifiable ?? (await additionDenial(parentType, recordSelection(rule!))));
        if (reason) {
          changed = true;
          entries.push({ kind: 'denied', responseKey, coordinate, reason, field: selection });
          fields.push({ path: fieldPath, coordinate, outcome: 'denied', reason });
          continue;
        }
        fields.push({ path: fieldPath, coordinate, outcome: decision === 'record' ? 'decided per record' : 'allowed' });
        let rewritten = selection;
        let children: SelectionPlan | null = null;
        const returnType = getNamedType(definition.type);
        if (selection.selectionSet && isCompositeType(returnType)) {
          const below = await rewriteSelectionSet(selection.selectionSet, returnType, fieldPath);
          rewritten = below.set === selection.selectionSet ? selection : { ...selection, selectionSet: below.set };
          children = below.plan;
        }
        selections.push(rewritten);
        if (rule) {
          needs.push(...recordSelection(rule));
          entries.push({ kind: 'record', responseKey, fieldName, coordinate, rule, children });
        } else if (children) {
          entries.push({ kind: 'field', responseKey, fieldName, children });
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const conditionType = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (!isCompositeType(conditionType)) {
          selections.push(selection);
          continue;
        }
        const below = await rewriteSelectionSet(selection.selectionSet, conditionType, path);
        selections.push(below.set === selection.selectionSet ? selection : { ...selection, selectionSet: below.set });
        if (below.plan) entries.push({ kind: 'fragment', typeCondition: selection.typeCondition?.name.value ?? null, plan: below.plan });
      } else {
        selections.push(selection);
        const fragment = await rewriteFragment(selection.name.value, path);
        if (fragment?.plan)
          entries.push({ kind: 'fragment', typeCondition: fragment.definition.typeCondition.name.value, plan: fragment.plan });
      }
    }
    if (subjectRule && !unidentifiable) needs.push(...recordSelection(subjectRule));
    for (const needed of needs) {
      const name = needed.name.value;
      if (recordFields.has(name)) continue;
      // A plain leaf the client still selects here is read where it is; anything else is added under an alias.
      const selected = !needed.selectionSet && selections.some((s) => isPlainField(s, name));
      if (selected) {
        recordFields.set(name, name);
      } else {
        injected.set(RESERVED_ALIAS_PREFIX + name, needed);
        recordFields.set(name, RESERVED_ALIAS_PREFIX + name);
      }
    }
    // A search candidate discloses the owner's record it stands for, whatever the caller selected of it.
    const candidateField = options.identifyRecords ? policy.candidateTypes.get(parentType.name) : undefined;
    if (candidateField && isObjectType(parentType)) {
      const candidate = await candidateSelection(parentType, candidateField, selections, path);
      if (candidate) {
        injected.set(CANDIDATE_ALIAS, candidate.field);
        entries.push({ kind: 'field', responseKey: CANDIDATE_ALIAS, fieldName: candidateField, children: candidate.plan });
      }
    }
    const idField = identity && !unidentifiable ? identity.idField : undefined;
    let record: RecordPlan | undefined;
    if (idField) {
      const idSelected = selections.some((s) => isPlainField(s, idField));
      if (!idSelected) injected.set(RECORD_ID_ALIAS, plainField(idField));
      injected.set(RECORD_PROVENANCE_ALIAS, recordProvenanceField());
      for (const marking of identity!.markings) injected.set(marking.alias, marking.field);
      record = {
        idKey: idSelected ? idField : RECORD_ID_ALIAS,
        provenanceKey: RECORD_PROVENANCE_ALIAS,
        fields: disclosedPaths(selections, parentType),
        markings: identity!.markings.map(({ alias, type }) => ({ responseKey: alias, type })),
        ...(subjectRule ? { subjectRule } : {}),
      };
    }
    if (selections.length === 0 || (entries.length > 0 && isAbstractType(parentType))) injected.set(TYPENAME_ALIAS, typenameField());
    for (const [alias, field] of injected) selections.push(aliasField(alias, field));
    if (injected.size > 0) changed = true;
    const unchanged = selections.length === set.selections.length && selections.every((s, i) => s === set.selections[i]);
    return {
      set: unchanged ? set : { ...set, selections },
      plan:
        entries.length > 0 || injected.size > 0
          ? {
              typeName: parentType.name,
              entries,
              injected: [...injected.keys()],
              recordFields: [...recordFields],
              ...(record ? { record } : {}),
            }
          : null,
    };
  };

  /**
   * What the gateway adds to a search candidate (`NationalPersonMatch`, …): its record field
   * (`person`) with nothing but what identifies the record, so the audit and the owner's hits
   * name it even when the caller selected only the score. The record's disclosed fields are
   * the candidate's own (`match.score`, …). Nothing is added when the caller's rules would
   * not let it read the record field.
   */
  const candidateSelection = async (
    parentType: GraphQLObjectType,
    fieldName: string,
    selections: readonly SelectionNode[],
    path: string,
  ): Promise<{ field: FieldNode; plan: SelectionPlan } | null> => {
    const definition = parentType.getFields()[fieldName];
    const recordType = definition && getNamedType(definition.type);
    const decision = await decide(parentType.name, fieldName);
    if (!isCompositeType(recordType) || decision !== null) return null;
    const below = await rewriteSelectionSet(
      { kind: Kind.SELECTION_SET, selections: [plainField('__typename')] },
      recordType,
      `${path}.${CANDIDATE_ALIAS}`,
    );
    if (!below.plan?.record) return null;
    below.plan.record.fields = disclosedPaths(selections, parentType)
      .filter((field) => field !== fieldName && !field.startsWith(`${fieldName}.`))
      .map((field) => `match.${field}`);
    return { field: { ...plainField(fieldName), selectionSet: below.set }, plan: below.plan };
  };

  const disclosedPaths = createDisclosedPaths(policy.recordTypes, (name) => rewrittenFragments.get(name)?.definition.selectionSet);

  const rewriteFragment = async (name: string, path: string) => {
    const done = rewrittenFragments.get(name);
    if (done) return done;
    const definition = fragments.get(name);
    const type = definition && schema.getType(definition.typeCondition.name.value);
    if (!definition || !isCompositeType(type)) return undefined;
    const below = await rewriteSelectionSet(definition.selectionSet, type, `${path}...${name}`);
    const result = {
      definition: below.set === definition.selectionSet ? definition : { ...definition, selectionSet: below.set },
      plan: below.plan,
    };
    rewrittenFragments.set(name, result);
    return result;
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) throw new BadUserInputError('operation', `the schema has no ${operation.operation} type`);
  const root = await rewriteSelectionSet(operation.selectionSet, rootType, '');
  // Fragments not reached from this operation are still rewritten, so the document stays valid.
  for (const name of fragments.keys()) await rewriteFragment(name, '');
  if (!changed) return { document, queryHash, plan: root.plan, introspection, fields };

  const definitions = document.definitions.map((d) => {
    if (d === operation) return { ...operation, selectionSet: root.set };
    if (d.kind === Kind.FRAGMENT_DEFINITION) return rewrittenFragments.get(d.name.value)?.definition ?? d;
    return d;
  });
  const rewritten: DocumentNode = { ...document, definitions };
  return {
    document: rewritten,
    queryHash: createHash('sha256').update(print(rewritten)).digest('hex'),
    plan: root.plan,
    introspection,
    fields,
  };
}

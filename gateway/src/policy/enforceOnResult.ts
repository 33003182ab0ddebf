import type { GraphQLSchema } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { type SelectionPlan, TYPENAME_ALIAS } from './operationPlan';
import type { EnforcementOutcome, RecordCheckInputs } from './recordChecks';
import { createResultEnforcement, type EnteredObject, type ResultEnforcement, type ResultObject } from './resultEnforcement';

export type { EnforcedDisclosure } from './recordChecks';

/**
 * Applies the result half of a decision to the data the gateway fetched, in place, by
 * walking the finished result: for an executor that shapes the response without the policy
 * (@apollo/gateway's), and for the own executor's rare answers its shaping pass cannot vouch
 * for (see `createEnforcingVisitor`). The walk enters every object a plan reaches, parents
 * first, and `createResultEnforcement` (the one implementation of the record rules' work on
 * a result) reads them, decides the rules found together and checks the records listed.
 */
export async function enforceOnResult(
  schema: GraphQLSchema,
  plan: SelectionPlan,
  data: ResultObject,
  /** Record rules see the caller's analysis projects too: they are decided per request, never cached. */
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
  checks: RecordCheckInputs,
): Promise<EnforcementOutcome> {
  const enforcement = createResultEnforcement(schema, subject, variables, checks);
  walkObject(enforcement, enforcement.root(data, plan));
  return enforcement.finish();
}

function walkObject(enforcement: ResultEnforcement, node: EnteredObject): void {
  for (const key of node.prepared.children.keys()) walkValue(enforcement, node, key, node.object[key], []);
}

function walkValue(enforcement: ResultEnforcement, parent: EnteredObject, key: string, value: unknown, positions: number[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) walkValue(enforcement, parent, key, value[index], [...positions, index]);
    return;
  }
  const object = value as ResultObject;
  const child = enforcement.enter(
    parent,
    key,
    positions.length === 1 ? positions[0]! : -1,
    positions.length > 1 ? positions : null,
    object,
    object[TYPENAME_ALIAS],
    0,
  );
  if (child) walkObject(enforcement, child);
}

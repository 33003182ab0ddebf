import type { GraphQLSchema } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { enforceOnResult } from './enforceOnResult';
import { type SelectionPlan, TYPENAME_ALIAS } from './operationPlan';
import type { EnforcementOutcome, RecordCheckInputs } from './recordChecks';
import { createResultEnforcement, type EnteredObject, type ResultObject } from './resultEnforcement';

/** The pass's side of the enforcing visitor (a `ShapeVisitor` of the own executor). */
export interface EnforcingShapeVisitor {
  root(output: ResultObject): EnteredObject;
  enter(
    parent: EnteredObject,
    path: readonly (string | number)[],
    input: ResultObject,
    output: ResultObject,
    again: boolean,
  ): EnteredObject | null;
  mark(): number;
  discard(mark: number): void;
}

/**
 * The result half of a decision done inside the own executor's shaping pass instead of by
 * a walk of the finished result: the pass enters each object the decision's plans reach as
 * it starts it (their plans, prepared once per plan and runtime type, give each child's
 * plans), forgets the objects a null then replaces, and `finish` reads the objects that have
 * something to read once the response is complete, and checks the records they hold
 * (owners, releases, handling), with `createResultEnforcement`, the implementation
 * `enforceOnResult`'s walk uses too. When the pass cannot vouch for what it
 * entered (an object started twice, through the same key selected in two fragments, or whose
 * runtime type as shaped is not the one fetched), `finish` walks the result instead.
 */
export function createEnforcingVisitor(
  schema: GraphQLSchema,
  plan: SelectionPlan,
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
  checks: RecordCheckInputs,
): { visitor: EnforcingShapeVisitor; finish(data: ResultObject): Promise<EnforcementOutcome> } {
  const enforcement = createResultEnforcement(schema, subject, variables, checks);
  let root: EnteredObject | undefined;
  const visitor: EnforcingShapeVisitor = {
    root: (output) => (root = enforcement.root(output, plan)),
    enter: (parent, path, input, output, again) => {
      const key = path[parent.depth];
      if (typeof key !== 'string' || !parent.prepared.children.has(key)) return null;
      if (again) {
        enforcement.distrust();
        return null;
      }
      const below = path.length - parent.depth - 1;
      const index = below === 1 ? (path[path.length - 1] as number) : -1;
      const indices = below > 1 ? (path.slice(parent.depth + 1) as number[]) : null;
      return enforcement.enter(parent, key, index, indices, output, input[TYPENAME_ALIAS], path.length);
    },
    mark: () => enforcement.mark(),
    discard: (mark) => enforcement.discard(mark),
  };
  const finish = async (data: ResultObject) => {
    if (!root || root.object !== data) throw new Error('the record rules were handed a result their visitor did not see shaped');
    return enforcement.trusted() ? enforcement.finish() : enforceOnResult(schema, plan, data, subject, variables, checks);
  };
  return { visitor, finish };
}

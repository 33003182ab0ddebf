import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import { walkObject } from './enforceOnResult';
import { type SelectionPlan, TYPENAME_ALIAS } from './operationPlan';
import { type PreparedObject, prepareObject, rootPlansOf, runtimeTypeOf } from './prepareObject';
import {
  childPlace,
  createResultEnforcement,
  type DisclosureScope,
  type EnforcedDisclosure,
  type PathLink,
  type ResultObject,
  type VisitedObject,
} from './resultEnforcement';

/** One object of the response the record rules reach, as the shaping pass entered it. */
interface Frame {
  object: ResultObject;
  plans: readonly SelectionPlan[];
  /** The runtime type read from the fetched data when the object was entered: it chose the plans of the object's children. */
  enteredAs: string;
  /** What the plans ask of an object of `enteredAs`. */
  prepared: PreparedObject;
  parent: Frame | null;
  /** The response key under the parent object, and the list position below it (-1 for none), or every position when lists nest. */
  key: string;
  index: number;
  indices: number[] | null;
  /** The length of the object's response path. */
  depth: number;
  /** After the pass: still in the response. */
  alive: boolean;
  /** After the pass: the object as the enforcement visited it; null when it was not (gone, or walked with an ancestor). */
  visited: VisitedObject | null;
}

/** The pass's side of the enforcing visitor (a `ShapeVisitor` of the own executor). */
export interface EnforcingShapeVisitor {
  root(output: ResultObject): Frame;
  enter(parent: Frame, path: readonly (string | number)[], input: ResultObject, output: ResultObject, again: boolean): Frame | null;
}

/** The value at a frame's place in its parent object, or undefined where there is none. */
function valueAt(object: ResultObject, { key, index, indices }: Frame): unknown {
  let value: unknown = object[key];
  if (index >= 0) value = Array.isArray(value) ? value[index] : undefined;
  else if (indices) for (const at of indices) value = Array.isArray(value) ? value[at] : undefined;
  return value;
}

/**
 * The result half of a decision done inside the own executor's shaping pass instead of by
 * a walk of the finished result: the pass enters a frame for each object the record rules
 * reach (their plans, prepared once per plan and runtime type, give each child's plans),
 * and `finish` then goes down the list of frames, parents first, doing for each object that
 * is still in the response exactly what `enforceOnResult`'s walk does for it (the same
 * `createResultEnforcement`). An object whose runtime type, as shaped, is not the one it
 * was entered as (so its children may have been entered with other plans) is walked with
 * everything below it, as `enforceOnResult` would; nothing is skipped either way.
 */
export function createEnforcingVisitor(
  schema: GraphQLSchema,
  plan: SelectionPlan,
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
): { visitor: EnforcingShapeVisitor; finish(data: ResultObject): Promise<{ errors: GraphQLError[]; disclosures: EnforcedDisclosure[] }> } {
  const frames: Frame[] = [];
  const frameOf = (
    object: ResultObject,
    plans: readonly SelectionPlan[],
    enteredAs: string,
    parent: Frame | null,
    key: string,
    index: number,
    indices: number[] | null,
    depth: number,
  ): Frame => {
    const prepared = prepareObject(schema, plans, enteredAs);
    const frame: Frame = { object, plans, enteredAs, prepared, parent, key, index, indices, depth, alive: false, visited: null };
    frames.push(frame);
    return frame;
  };

  const visitor: EnforcingShapeVisitor = {
    root: (output) => {
      const plans = rootPlansOf(plan);
      return frameOf(output, plans, plans[0]!.typeName, null, '', -1, null, 0);
    },
    enter: (parent, path, input, output, again) => {
      const key = path[parent.depth];
      const plans = typeof key === 'string' ? parent.prepared.children.get(key) : undefined;
      if (!plans) return null;
      // The same object, reached again through another selection of the same response key: entered a moment ago, below its parent.
      if (again) {
        for (let i = frames.length - 1; i >= 0 && frames[i] !== parent; i--) if (frames[i]!.object === output) return frames[i]!;
      }
      const typename = input[TYPENAME_ALIAS];
      const below = path.length - parent.depth - 1;
      const index = below === 1 ? (path[path.length - 1] as number) : -1;
      const indices = below > 1 ? (path.slice(parent.depth + 1) as number[]) : null;
      const enteredAs = typeof typename === 'string' ? typename : plans[0]!.typeName;
      return frameOf(output, plans, enteredAs, parent, key as string, index, indices, path.length);
    },
  };

  const finish = async (data: ResultObject) => {
    const enforcement = createResultEnforcement(schema, subject, variables);
    const root = frames[0];
    if (!root || root.object !== data) throw new Error('the record rules were handed a result their visitor did not see shaped');
    // Which objects are still in the response (a null may have replaced a parent since), before anything is removed from them.
    for (const frame of frames)
      frame.alive = frame.parent === null || (frame.parent.alive && valueAt(frame.parent.object, frame) === frame.object);
    for (const frame of frames) {
      const { parent } = frame;
      if (!frame.alive || (parent && !parent.visited)) continue;
      let link: PathLink | null = null;
      let scope: DisclosureScope | null = null;
      if (parent) {
        const place = childPlace(parent.visited!, frame.key);
        link = place.link;
        scope = place.scope;
        if (frame.index >= 0) link = { parent: link, key: frame.index };
        else for (const index of frame.indices ?? []) link = { parent: link, key: index };
      }
      if (runtimeTypeOf(frame.object, frame.plans) !== frame.enteredAs) {
        walkObject(enforcement, frame.object, frame.plans, link, scope);
        continue;
      }
      frame.visited = enforcement.visitObject(frame.object, frame.plans, link, scope, frame.prepared);
      enforcement.removeInjected(frame.object, frame.visited);
    }
    return enforcement.finish();
  };

  return { visitor, finish };
}

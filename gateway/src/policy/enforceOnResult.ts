import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { PolicySubject } from '@intel-gateway/shared/policy';
import type { SelectionPlan } from './operationPlan';
import { rootPlansOf } from './prepareObject';
import {
  childPlace,
  createResultEnforcement,
  type DisclosureScope,
  type EnforcedDisclosure,
  type PathLink,
  type ResultEnforcement,
  type ResultObject,
} from './resultEnforcement';

export type { EnforcedDisclosure } from './resultEnforcement';

/**
 * Applies the result half of a decision to the data the gateway fetched, in place, by
 * walking the finished result (the way for an executor that shapes the response without the
 * policy, @apollo/gateway's; the own executor does the same work inside its shaping pass,
 * see `createEnforcingVisitor`):
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
 * The walk itself is synchronous; the record rules it finds are then decided together
 * (`createResultEnforcement`, the one implementation of this work).
 */
export async function enforceOnResult(
  schema: GraphQLSchema,
  plan: SelectionPlan,
  data: ResultObject,
  /** Record rules see the caller's analysis projects too: they are decided per request, never cached. */
  subject: PolicySubject & { projects?: readonly string[] },
  variables: Record<string, unknown>,
): Promise<{ errors: GraphQLError[]; disclosures: EnforcedDisclosure[] }> {
  const enforcement = createResultEnforcement(schema, subject, variables);
  walkObject(enforcement, data, rootPlansOf(plan), null, null);
  return enforcement.finish();
}

/** Visits an object and everything below it that the plans reach, parents first. */
export function walkObject(
  enforcement: ResultEnforcement,
  object: ResultObject,
  plans: readonly SelectionPlan[],
  link: PathLink | null,
  scope: DisclosureScope | null,
): void {
  const visited = enforcement.visitObject(object, plans, link, scope);
  for (const [key, childPlans] of visited.children) {
    const place = childPlace(visited, key);
    walkValue(enforcement, object[key], childPlans, place.link, place.scope);
  }
  enforcement.removeInjected(object, visited);
}

function walkValue(
  enforcement: ResultEnforcement,
  value: unknown,
  plans: readonly SelectionPlan[],
  link: PathLink,
  scope: DisclosureScope | null,
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) walkValue(enforcement, value[index], plans, { parent: link, key: index }, scope);
    return;
  }
  walkObject(enforcement, value as ResultObject, plans, link, scope);
}

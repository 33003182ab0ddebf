import type { Connection } from 'mongoose';

/**
 * Checks that repository queries are served by an index: each `find` and `aggregate` a
 * connection sends is captured from the driver and replayed through the server's own
 * `explain`. Used by the index test of every subgraph, contributed ones included.
 */

/** A query command as the driver sent it. */
export type CapturedQuery = { name: string; command: Record<string, unknown> };

/** Records every `find` and `aggregate` the connection sends (it must monitor commands) into the returned list. */
export function captureQueries(connection: Connection): CapturedQuery[] {
  const captured: CapturedQuery[] = [];
  connection.getClient().on('commandStarted', (e) => {
    if (e.commandName === 'find' || e.commandName === 'aggregate') captured.push({ name: e.commandName, command: e.command });
  });
  return captured;
}

/** The stages of a plan tree, depth first. */
function stages(plan: unknown): string[] {
  if (!plan || typeof plan !== 'object') return [];
  const node = plan as { stage?: string; inputStage?: unknown; inputStages?: unknown[] };
  return [...(node.stage ? [node.stage] : []), ...stages(node.inputStage), ...(node.inputStages ?? []).flatMap(stages)];
}

/** Winning plans in an explain result, for find and for aggregate (including $unionWith branches). */
function winningPlans(explain: Record<string, any>): unknown[] {
  const plans: unknown[] = [];
  if (explain.queryPlanner?.winningPlan) plans.push(explain.queryPlanner.winningPlan);
  for (const stage of explain.stages ?? []) {
    if (stage.$cursor?.queryPlanner?.winningPlan) plans.push(stage.$cursor.queryPlanner.winningPlan);
  }
  return plans;
}

/** The plan stages the server chooses for a captured query. */
export async function explainStages(connection: Connection, captured: CapturedQuery): Promise<string[]> {
  const { command } = captured;
  const fields = captured.name === 'find' ? ['find', 'filter', 'sort', 'limit'] : ['aggregate', 'pipeline'];
  const replay: Record<string, unknown> = Object.fromEntries(fields.filter((f) => command[f] !== undefined).map((f) => [f, command[f]]));
  if (captured.name === 'aggregate') replay.cursor = {};
  const explain = await connection.db!.command({ explain: replay, verbosity: 'queryPlanner' });
  const plans = winningPlans(explain);
  expect(plans.length).toBeGreaterThan(0);
  return plans.flatMap(stages);
}

/** The methods a repository object exposes, as "group.method". */
function methodsOf(repositories: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(repositories)
    .flatMap(([group, methods]) => Object.keys(methods).map((m) => `${group}.${m}`))
    .sort();
}

/** Plan stages that read through an index (EXPRESS_IXSCAN and IDHACK are mongod's `_id` fast paths). */
export const INDEX_STAGES = new Set(['IXSCAN', 'EXPRESS_IXSCAN', 'IDHACK', 'COUNT_SCAN', 'DISTINCT_SCAN']);

/**
 * Calls every repository method (`calls` must name each one, so a new query cannot skip
 * the check), and expects each to send at least one query, each read through an index
 * and never by a collection scan.
 */
export async function expectEveryQueryIndexed(
  connection: Connection,
  captured: CapturedQuery[],
  calls: Record<string, () => Promise<unknown>>,
  repositories: Record<string, Record<string, unknown>>,
): Promise<void> {
  expect(Object.keys(calls).sort()).toEqual(methodsOf(repositories));
  for (const [method, call] of Object.entries(calls)) {
    captured.length = 0;
    await call();
    // The method name rides along in each expectation so a failure says which query it was.
    expect({ method, sentQueries: captured.length > 0 }).toEqual({ method, sentQueries: true });
    for (const command of captured) {
      const planStages = await explainStages(connection, command);
      const usesIndex = planStages.some((stage) => INDEX_STAGES.has(stage));
      expect({ method, planStages, usesIndex }).toEqual({ method, planStages, usesIndex: true });
      expect({ method, planStages }).toEqual({ method, planStages: expect.not.arrayContaining(['COLLSCAN']) });
    }
  }
}

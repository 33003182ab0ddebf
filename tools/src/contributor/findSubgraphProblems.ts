import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { type DocumentNode, GraphQLError, parse } from 'graphql';
import {
  apiSchemaOf,
  compileFieldPolicy,
  type CompositionProblem,
  ContributedPolicyError,
  definedFields,
  type GatewayPolicy,
  includeContributedPolicies,
  PolicySchemaMismatchError,
  PROJECT_POLICY,
  tryComposeSupergraph,
} from '@intel-gateway/gateway';
import {
  commonSdlPathIn,
  defaultSubgraphUrl,
  loadSubgraphRegistry,
  loadSubgraphSdl,
  operatorKindProblem,
  repositoryRoot,
  type SubgraphEntry,
} from '@intel-gateway/shared/registry';
import { resolveSubgraphTarget } from './resolveSubgraphTarget';
import { shareableTypeProblems } from './shareableTypeProblems';

/** What `npm run subgraph:check` found: one message per problem, and what passed. */
export interface SubgraphCheckReport {
  /** The subgraph checked, by name. */
  subgraph: string;
  problems: string[];
  /** One line per check that passed, for the summary. */
  passed: string[];
  /** Checks that could not run, and why. */
  skipped: string[];
}

/** Where and how `findSubgraphProblems` checks. */
export interface SubgraphCheckOptions {
  /** The repository the subgraph is checked against (default: this one). */
  root?: string;
  /** The gateway policy file for the subgraph, when it is not the registry's or `gateway/policies/<name>.json`. */
  policyPath?: string;
}

/**
 * Everything `npm run subgraph:check` verifies about one subgraph, offline, before it is
 * deployed: that its schema composes with every other registered subgraph (each
 * composition error in the composer's words, with what its code means and where), that
 * every shareable type carries the provenance block (see `shareableTypeProblems`), and
 * that every field it defines has a gateway rule, checked the way the gateway checks its
 * policy at startup (`compileFieldPolicy`), contributed policy files included.
 */
export function findSubgraphProblems(target: string, options: SubgraphCheckOptions = {}): SubgraphCheckReport {
  const root = options.root ?? repositoryRoot;
  let registry: SubgraphEntry[];
  try {
    registry = loadSubgraphRegistry(root);
  } catch (error) {
    return {
      subgraph: target,
      problems: [`registry: ${error instanceof Error ? error.message : String(error)}`],
      passed: [],
      skipped: ['everything else: the registry must be valid first'],
    };
  }
  const entry = resolveSubgraphTarget(target, root, registry, options.policyPath);
  if (typeof entry === 'string') return { subgraph: target, problems: [entry], passed: [], skipped: [] };
  const shown = (path: string) => {
    const inside = relative(root, path);
    return inside.startsWith('..') || isAbsolute(inside) ? path : inside;
  };
  const subgraphs = registry.some((s) => s.name === entry.name)
    ? registry.map((s) => (s.name === entry.name ? entry : s))
    : [...registry, entry];
  const others = subgraphs.filter((s) => s !== entry);
  const problems: string[] = [];
  const passed: string[] = [];
  const skipped: string[] = [];

  const ownSdl = readFileSync(entry.schemaPath, 'utf8');
  let own: DocumentNode;
  try {
    own = parse(ownSdl);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    const line = error.locations?.[0]?.line;
    return {
      subgraph: entry.name,
      problems: [`does not parse: ${error.message.replace(/\.$/, '')}${line ? ` at ${shown(entry.schemaPath)}:${line}` : ''}`],
      passed,
      skipped: ['composition, provenance and gateway rules: the schema must parse first'],
    };
  }
  const ownLines = ownSdl.split('\n').length;
  const fileOf = new Map(subgraphs.map((s) => [s.name, s.schemaPath]));
  const where = (location: CompositionProblem['locations'][number]) => {
    const path = fileOf.get(location.subgraph);
    if (!path) return `subgraph ${location.subgraph}, line ${location.line}`;
    // Each SDL is the subgraph's own schema, a newline, then the shared types.
    const sourceLines = location.subgraph === entry.name ? ownLines : readFileSync(path, 'utf8').split('\n').length;
    return location.line <= sourceLines
      ? `${shown(path)}:${location.line}`
      : `${shown(commonSdlPathIn(root))}:${location.line - sourceLines}`;
  };

  const composed = tryComposeSupergraph(
    subgraphs.map((s) => ({ name: s.name, url: defaultSubgraphUrl(s), sdl: loadSubgraphSdl(s, root) })),
  );
  for (const problem of composed.problems) {
    const locations = problem.locations.map(where);
    problems.push(
      `does not compose: ${problem.message}${problem.explanation ? ` (${problem.code}: ${problem.explanation})` : ` (${problem.code})`}${locations.length > 0 ? ` at ${[...new Set(locations)].join(', ')}` : ''}`,
    );
  }
  if (composed.supergraphSdl !== undefined) passed.push(`composes with ${others.map((s) => s.name).join(', ')}`);

  const operatorProblem = operatorKindProblem(entry);
  if (operatorProblem) problems.push(`registry: ${operatorProblem}`);
  if (entry.kind === 'operator' && !operatorProblem) {
    passed.push("provenance: not required: this is the gateway operator's subgraph (the audit store, no owner's records)");
  } else {
    const all = [
      ...subgraphs.map((s) => (s === entry ? own : parse(readFileSync(s.schemaPath, 'utf8')))),
      parse(readFileSync(commonSdlPathIn(root), 'utf8')),
    ];
    const shareable = shareableTypeProblems(own, all);
    problems.push(...shareable.problems);
    if (shareable.problems.length === 0) {
      const parts = [`record types carry their provenance block (${shareable.records.join(', ') || 'none'})`];
      if (shareable.meetingPoints.length > 0)
        parts.push(`entities keyed by natural keys only link to records (${shareable.meetingPoints.join(', ')})`);
      passed.push(`provenance: ${parts.join('; ')}`);
    }
  }

  let policy: GatewayPolicy | undefined;
  try {
    policy = includeContributedPolicies(PROJECT_POLICY, subgraphs, root);
  } catch (error) {
    if (!(error instanceof ContributedPolicyError)) throw error;
    problems.push(...error.problems.map((p) => `gateway policy: ${p}`));
  }
  if (composed.supergraphSdl === undefined) skipped.push('gateway rules: the schema must compose first');
  if (policy && composed.supergraphSdl !== undefined) {
    const policyFile = entry.gatewayPolicyPath
      ? shown(entry.gatewayPolicyPath)
      : registry.some((s) => s.name === entry.name)
        ? 'gateway/src/policy/index.ts'
        : `a policy file (none found: give one with --policy, or write gateway/policies/${entry.name}.json)`;
    try {
      const compiled = compileFieldPolicy(policy, apiSchemaOf(composed.supergraphSdl));
      const coordinates = [...definedFields(own)].flatMap(([type, fields]) => [...fields].map((field) => `${type}.${field}`));
      const ownCoordinates = new Set(coordinates);
      const unruled = compiled.unruled.filter((coordinate) => ownCoordinates.has(coordinate));
      for (const coordinate of unruled)
        problems.push(`gateway policy: no rule for ${coordinate}, so the gateway denies it to every caller; add one to ${policyFile}`);
      if (unruled.length === 0)
        passed.push(`gateway policy: each of the ${ownCoordinates.size} fields ${entry.name} defines has a rule (${policyFile})`);
    } catch (error) {
      if (!(error instanceof PolicySchemaMismatchError)) throw error;
      problems.push(...error.problems.map((p) => `gateway policy: ${p}`));
    }
  }
  return { subgraph: entry.name, problems, passed, skipped };
}

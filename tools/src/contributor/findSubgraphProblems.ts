import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  type DocumentNode,
  type FieldDefinitionNode,
  GraphQLError,
  isTypeDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  print,
  type TypeNode,
} from 'graphql';
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
  RECORD_IDENTIFIER_FIELDS,
  ROOT_TYPES,
  tryComposeSupergraph,
} from '@intel-gateway/gateway';
import {
  commonSdlPathIn,
  contributedPolicyFile,
  defaultSubgraphUrl,
  loadSubgraphRegistry,
  loadSubgraphSdl,
  operatorKindProblem,
  repositoryRoot,
  SUBGRAPH_NAME_PATTERN,
  type SubgraphEntry,
  subgraphEntryOf,
} from '@intel-gateway/shared/registry';

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

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * Finds the subgraph to check: a registered name, a subgraph folder, or a schema file. A
 * folder or file outside the registry is checked as a new subgraph named after its folder,
 * composed with every registered one; one named like a registered subgraph replaces it.
 */
function resolveTarget(
  target: string,
  root: string,
  registry: readonly SubgraphEntry[],
  policyPath: string | undefined,
): SubgraphEntry | string {
  const withPolicy = (entry: SubgraphEntry): SubgraphEntry => (policyPath ? { ...entry, gatewayPolicyPath: resolve(policyPath) } : entry);
  const registered = registry.find((s) => s.name === target);
  if (registered) return withPolicy(registered);
  const path = resolve(target);
  if (!existsSync(path))
    return `"${target}" is neither a registered subgraph (${registry.map((s) => s.name).join(', ')}) nor an existing folder or schema file`;
  const isFolder = statSync(path).isDirectory();
  const schemaPath = isFolder ? resolve(path, 'schema.graphql') : path;
  if (!existsSync(schemaPath))
    return `${schemaPath} does not exist: give a subgraph folder holding schema.graphql, or the schema file itself`;
  const byPath = registry.find((s) => s.schemaPath === schemaPath);
  if (byPath) return withPolicy(byPath);
  const name = basename(isFolder ? path : dirname(path));
  if (!SUBGRAPH_NAME_PATTERN.test(name))
    return `cannot name the subgraph after its folder "${name}": a subgraph name is lower-case letters and digits, words joined by single hyphens`;
  const byName = registry.find((s) => s.name === name);
  if (byName) return withPolicy({ ...byName, schemaPath });
  const defaultPolicy = contributedPolicyFile(name);
  const entry = subgraphEntryOf(
    {
      name,
      defaultPort: 0,
      kind: 'agency',
      owners: [],
      description: `${name} (not registered)`,
      ...(existsSync(resolve(root, defaultPolicy)) ? { gatewayPolicy: defaultPolicy } : {}),
    },
    root,
  );
  return withPolicy({ ...entry, schemaPath });
}

/** The name a field's type refers to, through lists and non-null. */
function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Top-level field names of each `@key(fields: "...")` on a definition. */
function keyFieldSets(definition: ObjectTypeDefinitionNode | ObjectTypeExtensionNode): { text: string; fields: string[] }[] {
  return (definition.directives ?? [])
    .filter((d) => d.name.value === 'key')
    .flatMap((d) => {
      const argument = d.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (argument?.kind !== Kind.STRING) return [];
      const selection = parse(`{ ${argument.value} }`).definitions[0];
      const fields =
        selection?.kind === Kind.OPERATION_DEFINITION
          ? selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
          : [];
      return [{ text: argument.value, fields }];
    });
}

/** Types, fields and keys of a set of SDL documents, merged as composition merges them. */
function mergedSchemaFacts(documents: readonly DocumentNode[]) {
  const kinds = new Map<string, string>();
  const fields = new Map<string, Map<string, FieldDefinitionNode>>();
  const keys = new Map<string, { text: string; fields: string[] }[]>();
  for (const document of documents) {
    for (const definition of document.definitions) {
      if (isTypeDefinitionNode(definition)) kinds.set(definition.name.value, definition.kind);
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
        const name = definition.name.value;
        const typeFields = fields.get(name) ?? new Map<string, FieldDefinitionNode>();
        for (const field of definition.fields ?? []) typeFields.set(field.name.value, field);
        fields.set(name, typeFields);
        keys.set(name, [...(keys.get(name) ?? []), ...keyFieldSets(definition)]);
      }
    }
  }
  return { kinds, fields, keys };
}

/**
 * The provenance rule for a subgraph's own schema. A *shareable type* is an object type
 * the subgraph defines or extends (root types aside) that is either
 *
 * - a **record type**: it has an identifier field, `id` or `code` (whatever its `@key`).
 *   The gateway audits a type's disclosure and re-checks the owner's release rules on it
 *   as a record only when it has such a field and its provenance, so each must carry
 *   `provenance: Provenance!` (the shared block), in its own definition or, for another
 *   owner's entity the subgraph adds fields to, in the owner's; or
 * - an **entity keyed by a natural key** (`@key` on fields other than an identifier, e.g. a
 *   VIN or a document number): a meeting point several owners add facts to, which holds no
 *   provenance of its own. So the fields the subgraph adds to it may only lead to other
 *   types (its records); a scalar or enum field there would be a fact without an owner.
 */
function shareableTypeProblems(
  own: DocumentNode,
  all: readonly DocumentNode[],
): { problems: string[]; records: string[]; meetingPoints: string[] } {
  const merged = mergedSchemaFacts(all);
  const problems: string[] = [];
  const records = new Set<string>();
  const meetingPoints = new Set<string>();
  for (const definition of own.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    if (ROOT_TYPES.has(type) || records.has(type) || meetingPoints.has(type)) continue;
    const fields = merged.fields.get(type)!;
    const identifier = RECORD_IDENTIFIER_FIELDS.find((name) => fields.has(name));
    if (identifier) {
      records.add(type);
      const block = fields.get('provenance');
      if (!block) {
        problems.push(
          `provenance: ${type} is a shareable record type (it has an "${identifier}" field) but carries no "provenance: Provenance!" block; without it the gateway can neither re-check its owner's release rules nor audit its disclosure`,
        );
      } else if (print(block.type) !== 'Provenance!') {
        problems.push(
          `provenance: ${type}.provenance must be "Provenance!" (the shared provenance block, never null), not "${print(block.type)}"`,
        );
      }
      continue;
    }
    const keys = merged.keys.get(type) ?? [];
    if (keys.length === 0) continue;
    meetingPoints.add(type);
    const keyFields = new Set(keys.flatMap((k) => k.fields));
    for (const ownDefinition of own.definitions) {
      if (
        (ownDefinition.kind !== Kind.OBJECT_TYPE_DEFINITION && ownDefinition.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
        ownDefinition.name.value !== type
      )
        continue;
      for (const field of ownDefinition.fields ?? []) {
        if (keyFields.has(field.name.value)) continue;
        const target = namedType(field.type);
        const kind = merged.kinds.get(target);
        if (BUILT_IN_SCALARS.has(target) || kind === Kind.SCALAR_TYPE_DEFINITION || kind === Kind.ENUM_TYPE_DEFINITION) {
          problems.push(
            `provenance: ${type}.${field.name.value} (${print(field.type)}) is a fact on ${type}, an entity keyed by its natural key "${keys[0]!.text}" that carries no provenance; put it in a record type with a provenance block and link ${type} to that record`,
          );
        }
      }
    }
  }
  return { problems, records: [...records], meetingPoints: [...meetingPoints] };
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
  const entry = resolveTarget(target, root, registry, options.policyPath);
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

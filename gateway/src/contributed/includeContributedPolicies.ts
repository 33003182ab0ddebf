import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type DocumentNode, Kind, parse, type TypeNode, visit } from 'graphql';
import { and } from 'graphql-shield';
import { z } from 'zod';
import { commonSdlPathIn, repositoryRoot, type SubgraphEntry } from '@intel-gateway/shared/registry';
import { definedFields } from '../policy/definedFields';
import {
  type FieldPolicy,
  type GatewayPolicy,
  isRecordRule,
  RECORD_IDENTIFIER_FIELDS,
  ROOT_TYPES,
  type ShieldRule,
} from '../policy/fieldPolicy';
import { NAMED_RULES, type RuleName } from '../policy/rules';

/** One or more contributed policy files break the rules below; every problem is named. */
export class ContributedPolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`A contributed gateway policy is invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

const ruleNames = Object.keys(NAMED_RULES) as [RuleName, ...RuleName[]];
const ruleName = z.enum(ruleNames);

/**
 * A contributed policy file: `Type` → `field` (or `'*'`) → a rule name, or a list of rule
 * names that must all allow (graphql-shield's `and`). Bump `version` whenever the rules
 * change meaning.
 */
const policyFileSchema = z.strictObject({
  version: z.string().min(1),
  rules: z.record(
    z.string(),
    z.record(
      z.string(),
      z.union([ruleName, z.array(ruleName).min(2)], {
        error: `must name one of the gateway's rules (${ruleNames.join(', ')}), or list two or more that must all allow`,
      }),
    ),
  ),
});

/**
 * The Federation directives any subgraph schema may use (besides `@link` itself and graphql's
 * own). `@listSize` only tells the gateway's cost limit how long a list is, and can only
 * raise its estimate above the default (see limits/measureOperation.ts).
 */
const SUBGRAPH_DIRECTIVES: ReadonlySet<string> = new Set(['key', 'shareable', 'listSize']);
const ALWAYS_ALLOWED: ReadonlySet<string> = new Set(['link', 'deprecated', 'specifiedBy']);

/**
 * Directives a subgraph schema uses beyond `@key` and `@shareable`, under any name
 * (`@federation__override` as much as an imported `@override`, and any import at all of
 * another Federation directive). `@override` would hand it another owner's field,
 * `@requires`/`@external` would have the planner send it another owner's data the policy
 * never decided on, `@provides` and `@interfaceObject` likewise reach into other types.
 * Checked for every registered subgraph, the project's own included (none needs more).
 */
function forbiddenDirectives(document: DocumentNode): string[] {
  const found = new Set<string>();
  visit(document, {
    Directive(node) {
      const name = node.name.value.replace(/^federation__/, '');
      if (!SUBGRAPH_DIRECTIVES.has(name) && !ALWAYS_ALLOWED.has(name)) found.add(name);
      if (node.name.value !== 'link') return;
      const imports = node.arguments?.find((argument) => argument.name.value === 'import')?.value;
      if (imports?.kind !== Kind.LIST) return;
      for (const item of imports.values) {
        let importedName: string | undefined;
        let renamed = false;
        if (item.kind === Kind.STRING) importedName = item.value;
        else if (item.kind === Kind.OBJECT) {
          const nameValue = item.fields.find((field) => field.name.value === 'name')?.value;
          importedName = nameValue?.kind === Kind.STRING ? nameValue.value : undefined;
          renamed = item.fields.some((field) => field.name.value === 'as');
        }
        if (importedName && (renamed || !SUBGRAPH_DIRECTIVES.has(importedName.replace(/^@/, ''))))
          found.add(`link(import: ${importedName}${renamed ? ', renamed' : ''})`);
      }
    },
  });
  return [...found].sort();
}

/** A record type, or one that means to be: it has an identifier or carries provenance. */
function isRecordType(fields: ReadonlySet<string> | undefined): boolean {
  return !!fields && (RECORD_IDENTIFIER_FIELDS.some((name) => fields.has(name)) || fields.has('provenance'));
}

/** The fields each type has in a set of SDL documents, merged. */
function fieldsIn(documents: readonly DocumentNode[]): Map<string, Set<string>> {
  const merged = new Map<string, Set<string>>();
  for (const document of documents) {
    for (const [type, fields] of definedFields(document)) merged.set(type, new Set([...(merged.get(type) ?? []), ...fields]));
  }
  return merged;
}

const namedTypeOf = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type));

/** The named type of each field an SDL document defines or extends on object types, as `Type.field`. */
function fieldTypesIn(document: DocumentNode): Map<string, string> {
  const types = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) types.set(`${definition.name.value}.${field.name.value}`, namedTypeOf(field.type));
  }
  return types;
}

/**
 * The record rules of the project's policy on a record type (its protected-subject rules,
 * such as `protectedCaseSubject` on a national case person's name), as the leaves they are
 * combined from: what decides, per record, who may learn about that record's subject.
 */
function recordRulesOf(base: FieldPolicy, type: string): ShieldRule[] {
  const found = new Set<ShieldRule>();
  const collect = (rule: ShieldRule) => {
    if (!isRecordRule(rule)) return;
    if ('getRules' in rule) rule.getRules().forEach(collect);
    else found.add(rule);
  };
  Object.values(base[type] ?? {}).forEach(collect);
  return [...found];
}

/**
 * Reads one contributed subgraph's policy file and checks that it rules only what that
 * subgraph alone adds to the supergraph: fields its own schema defines and no other
 * subgraph (nor the shared types) does, and `'*'` only on types no one else defines. So a
 * contributed policy can never loosen a rule of the project's policy or of another
 * subgraph's.
 */
function readContributedPolicy(
  subgraph: SubgraphEntry,
  own: ReadonlyMap<string, ReadonlySet<string>>,
  elsewhere: ReadonlyMap<string, ReadonlySet<string>>,
  root: string,
  problems: string[],
): GatewayPolicy | undefined {
  const path = subgraph.gatewayPolicyPath!;
  const file = relative(root, path);
  let parsed;
  try {
    parsed = policyFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    problems.push(`${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return undefined;
  }
  const rules: FieldPolicy = {};
  for (const [type, fields] of Object.entries(parsed.data.rules)) {
    const recordType = isRecordType(own.get(type));
    for (const [field, names] of Object.entries(fields)) {
      const coordinate = `${type}.${field}`;
      const named = typeof names === 'string' ? [names] : names;
      if (named.includes('structural') && (ROOT_TYPES.has(type) || recordType)) {
        problems.push(
          `${file}: ${coordinate}: "structural" lets any token through; it is for connections and value types, never for a root field or a record type's field`,
        );
      }
      if (named.includes('auditors') && recordType) problems.push(`${file}: ${coordinate}: auditors never see a record's content`);
      if (field === '*') {
        if (!own.has(type)) problems.push(`${file}: ${coordinate}: the ${subgraph.name} schema does not define type ${type}`);
        else if (elsewhere.has(type))
          problems.push(
            `${file}: ${coordinate}: ${type} is also defined elsewhere, so '*' would rule fields that are not ${subgraph.name}'s; name its own fields one by one`,
          );
        else (rules[type] ??= {})[field] = ruleOf(names);
        continue;
      }
      if (!own.get(type)?.has(field)) problems.push(`${file}: ${coordinate} is not a field the ${subgraph.name} schema defines`);
      else if (elsewhere.get(type)?.has(field))
        problems.push(
          `${file}: ${coordinate} is also defined by another subgraph or the shared types; its rule belongs to the project's policy`,
        );
      else (rules[type] ??= {})[field] = ruleOf(names);
    }
  }
  // Every field only this subgraph adds needs its own rule: a project rule for the whole type ('*') must not decide it by default.
  for (const [type, fields] of own) {
    for (const field of fields) {
      if (elsewhere.get(type)?.has(field) || parsed.data.rules[type]?.[field] || parsed.data.rules[type]?.['*']) continue;
      problems.push(`${file}: ${type}.${field} has no rule; every field the ${subgraph.name} schema adds needs one in this file`);
    }
  }
  return { version: parsed.data.version, rules };
}

function ruleOf(names: RuleName | RuleName[]): ShieldRule {
  return typeof names === 'string' ? NAMED_RULES[names] : and(...names.map((name) => NAMED_RULES[name]));
}

/**
 * The gateway's policy for a set of subgraphs: the project's rules plus, for each
 * contributed subgraph the registry lists with a `gatewayPolicy` file, that file's rules
 * (each may only rule fields its own subgraph adds, and must rule every one of them). No
 * subgraph may use a Federation directive beyond `@key` and `@shareable`. The version names
 * every contribution, so changing one invalidates cached decisions. All problems are
 * reported at once, and any one stops the gateway at start.
 */
export function includeContributedPolicies(
  base: GatewayPolicy,
  subgraphs: readonly SubgraphEntry[],
  root: string = repositoryRoot,
): GatewayPolicy {
  const problems: string[] = [];
  const rules: FieldPolicy = Object.fromEntries(Object.entries(base.rules).map(([type, fields]) => [type, { ...fields }]));
  const versions = [base.version];
  const schemas = new Map(subgraphs.map((subgraph) => [subgraph, parse(readFileSync(subgraph.schemaPath, 'utf8'))]));
  const common = parse(readFileSync(commonSdlPathIn(root), 'utf8'));
  for (const [subgraph, schema] of schemas) {
    for (const directive of forbiddenDirectives(schema)) {
      problems.push(
        `${relative(root, subgraph.schemaPath)}: uses @${directive}; a subgraph may use only ${[...SUBGRAPH_DIRECTIVES].map((d) => `@${d}`).join(', ')}, so none can take over another owner's field or be sent one`,
      );
    }
    if (!subgraph.gatewayPolicyPath) continue;
    const elsewhere = fieldsIn([...[...schemas].filter(([other]) => other !== subgraph).map(([, document]) => document), common]);
    const contributed = readContributedPolicy(subgraph, definedFields(schema), elsewhere, root, problems);
    if (!contributed) continue;
    versions.push(`${subgraph.name}.${contributed.version}`);
    const everywhere = fieldsIn([...schemas.values(), common]);
    const returnTypes = fieldTypesIn(schema);
    for (const [type, fields] of Object.entries(contributed.rules)) {
      // A field added to another owner's record type: what it shows is the contributor's, so
      // it must be a record of its own, carrying the contributor's provenance, never a bare
      // fact shown under the other owner's; and it is decided by the contributor's rule and
      // the other record's protected-subject rules together.
      const farRecord = !ROOT_TYPES.has(type) && !!elsewhere.get(type)?.has('provenance');
      if (farRecord) {
        for (const field of Object.keys(fields)) {
          const target = returnTypes.get(`${type}.${field}`);
          if (field === '*' || !target || everywhere.get(target)?.has('provenance')) continue;
          problems.push(
            `${relative(root, subgraph.gatewayPolicyPath)}: ${type}.${field} (${target}) would show ${subgraph.name}'s data under the provenance of another owner's ${type} record; make it a link to a record type of ${subgraph.name}'s own that carries its provenance`,
          );
        }
      }
      const farRules = farRecord ? recordRulesOf(base.rules, type) : [];
      for (const [field, ownRule] of Object.entries(fields)) {
        const rule = farRules.length > 0 ? (and(ownRule, ...farRules) as ShieldRule) : ownRule;
        if (rules[type]?.[field]) problems.push(`${relative(root, subgraph.gatewayPolicyPath)}: ${type}.${field} already has a rule`);
        else rules[type] = { ...rules[type], [field]: rule };
      }
    }
  }
  if (problems.length > 0) throw new ContributedPolicyError(problems);
  return { version: versions.join('+'), rules };
}

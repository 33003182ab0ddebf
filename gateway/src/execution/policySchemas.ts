import { type DocumentNode, getNamedType, type GraphQLSchema, isObjectType } from 'graphql';
import { LRUCache } from 'lru-cache';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { Principal } from '@intel-gateway/shared/identity';
import type { Logger } from '@intel-gateway/shared/observability';
import { type PolicySubject, policySubjectKey, toPolicySubject } from '@intel-gateway/shared/policy';
import { buildAgencySchema } from '../policy/agencySchema';
import { decideOperation } from '../policy/decideOperation';
import { type CompiledPolicy, compileFieldPolicy, type GatewayPolicy, isRecordRule } from '../policy/fieldPolicy';
import type { OperationDecision } from '../policy/operationPlan';
import { provenanceSourcesOf } from '../policy/provenanceSources';

/** A subject and its cache key: who decisions and agency schemas are made for. */
export interface KeyedSubject {
  subject: PolicySubject;
  key: string;
}

/**
 * The state for one policy and one schema: the checked policy and what has been decided
 * under it. A new schema (or a new policy, which needs a restart) gets new state, so the
 * caches never mix decisions of different policy versions.
 */
export interface PolicyState {
  policy: CompiledPolicy;
  decisions: LRUCache<string, Promise<OperationDecision>>;
  agencySchemas: LRUCache<string, Promise<GraphQLSchema | null>>;
  /** For each record type, the subgraphs that can resolve its provenance (see `provenanceSourcesOf`). */
  provenanceSources: ReadonlyMap<string, readonly string[]>;
}

const subjects = new WeakMap<Principal, KeyedSubject>();

/** The subject of a principal and its cache key, computed once per verified token (the verifier caches principals). */
export function subjectOf(principal: Principal): KeyedSubject {
  let entry = subjects.get(principal);
  if (!entry) {
    const subject = toPolicySubject(principal);
    entry = { subject, key: policySubjectKey(subject) };
    subjects.set(principal, entry);
  }
  return entry;
}

/** Served while the supergraph does not match the policy; the detail is in the log. */
export const policyMismatch = () =>
  clientError(ErrorCode.INTERNAL_SERVER_ERROR, 'The gateway cannot serve this schema: its field policy does not match it.');

/**
 * The field policy as it follows the served supergraph: compiled against each schema the
 * gateway adopts, with the decisions and agency schemas made under it (cached per policy
 * version, subject and operation). The policy is checked against the schema at load, and a
 * mismatch stops startup; when a later supergraph no longer matches, `current()` refuses
 * every operation until it does: the gateway fails closed rather than guard a schema it
 * does not know.
 */
export class PolicySchemas {
  private state: PolicyState | null = null;
  /** Why the current schema cannot be served, when it cannot. */
  private mismatch: unknown = null;

  constructor(
    private readonly policy: GatewayPolicy,
    private readonly logger: Logger,
  ) {}

  /** Follows a newly served schema; a schema the policy does not match leaves no state, so every operation is refused. */
  adopt(schema: GraphQLSchema, supergraphSdl: string): void {
    try {
      if (this.state?.policy.schema !== schema) {
        const policy = compileFieldPolicy(this.policy, schema);
        this.state = {
          policy,
          decisions: new LRUCache({ max: 10_000 }),
          agencySchemas: new LRUCache({ max: 1_000 }),
          provenanceSources: provenanceSourcesOf(supergraphSdl),
        };
        if (policy.unruled.length > 0)
          this.logger.warn({ fields: policy.unruled }, `${policy.unruled.length} fields have no policy rule and are denied to everyone`);
      }
      this.mismatch = null;
    } catch (error) {
      this.state = null;
      this.mismatch = error;
      this.logger.error({ err: error }, 'the supergraph does not match the field policy; refusing every operation until it does');
    }
  }

  /** Why the served schema cannot be served (the load fails with it), or null when it can. */
  loadProblem(): unknown {
    return this.mismatch ?? (this.state ? null : new Error('the gateway loaded no schema'));
  }

  /** The state for the served schema, or null while the policy does not match it. */
  served(): PolicyState | null {
    return this.state;
  }

  /** The state for the served schema; throws the mismatch error while there is none. */
  current(): PolicyState {
    if (!this.state) throw policyMismatch();
    return this.state;
  }

  /** The schema a caller may see, or null when it may query nothing. */
  async agencySchema(principal: Principal): Promise<GraphQLSchema | null> {
    const state = this.current();
    const { subject, key } = subjectOf(principal);
    let schema = state.agencySchemas.get(key);
    if (!schema) {
      schema = buildAgencySchema(state.policy, subject);
      state.agencySchemas.set(key, schema);
    }
    return schema;
  }

  /** The decision for one operation and subject, made once per policy version, subject and operation. */
  decide(
    state: PolicyState,
    subject: KeyedSubject,
    document: DocumentNode,
    operationName: string | undefined,
    queryHash: string,
  ): Promise<OperationDecision> {
    const cacheKey = `${subject.key}\n${operationName ?? ''}\n${queryHash}`;
    let decision = state.decisions.get(cacheKey);
    if (!decision) {
      decision = decideOperation(state.policy, subject.subject, document, operationName, queryHash, { identifyRecords: true });
      state.decisions.set(cacheKey, decision);
      decision.catch(() => state.decisions.delete(cacheKey));
    }
    return decision;
  }

  /**
   * Whether a field path of a record type (`provenance.restrictions` of `SltdRecord`) passes
   * through a field under a record rule: a field with a restriction of its own.
   */
  isRestrictedField(typeName: string, fieldPath: string): boolean {
    const { policy } = this.current();
    let type = policy.schema.getType(typeName);
    for (const name of fieldPath.split('.')) {
      if (!isObjectType(type)) return false;
      const field = type.getFields()[name];
      const rule = policy.ruleFor(type.name, name);
      if (!field) return false;
      if (rule && isRecordRule(rule)) return true;
      type = getNamedType(field.type);
    }
    return false;
  }
}

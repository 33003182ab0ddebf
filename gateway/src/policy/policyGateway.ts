import type { GatewayExecutor, GatewayInterface, GatewayLoadResult, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { execute, getNamedType, GraphQLError, isObjectType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import {
  ErrorCode,
  isReleasedTo,
  newHitReference,
  policySubjectKey,
  ReleasedRecords,
  servesOwner,
  subgraphRegistry,
  toPolicySubject,
  type AuditEntry,
  type CallerContext,
  type Disclosure,
  type HitAnswer,
  type Logger,
  type Principal,
  type PolicySubject,
  type SubgraphEntry,
} from '@intel-gateway/shared';
import { buildAgencySchema } from './agencySchema';
import { decideOperation, type OperationDecision } from './decideOperation';
import { auditEntryFor } from '../audit/auditEntry';
import { loadGatewayExecutor } from '../config';
import { selectGatewayExecutor } from '../execution/planExecutor';
import type { GatewayContext } from '../gatewayContext';
import type { AuditTrail } from '../audit/auditTrail';
import type { RecordKeys } from '../audit/releasedRecords';
import { enforceOnResult, type RecordHandling } from './enforceOnResult';
import { compileFieldPolicy, isRecordRule, type CompiledPolicy, type FieldPolicy } from './fieldPolicy';
import { provenanceSourcesOf } from './provenanceSources';

/** A policy as the gateway takes it: the rules and a version that changes when their meaning does. */
export interface GatewayPolicy {
  version: string;
  rules: FieldPolicy;
}

/**
 * The state for one policy and one schema: the checked policy and what has been decided
 * under it. A new schema (or a new policy, which needs a restart) gets new state, so the
 * caches never mix decisions of different policy versions.
 */
interface PolicyState {
  policy: CompiledPolicy;
  decisions: LRUCache<string, Promise<OperationDecision>>;
  agencySchemas: LRUCache<string, Promise<GraphQLSchema | null>>;
  /** For each record type, the subgraphs that can resolve its provenance (see `provenanceSourcesOf`). */
  provenanceSources: ReadonlyMap<string, readonly string[]>;
}

/** Whether the named subgraph is registered as serving this owner. */
type ServesOwner = (subgraph: string, owner: string) => boolean;

const subjects = new WeakMap<Principal, { subject: PolicySubject; key: string }>();

/** The subject of a principal and its cache key, computed once per verified token (the verifier caches principals). */
function subjectOf(principal: Principal): { subject: PolicySubject; key: string } {
  let entry = subjects.get(principal);
  if (!entry) {
    const subject = toPolicySubject(principal);
    entry = { subject, key: policySubjectKey(subject) };
    subjects.set(principal, entry);
  }
  return entry;
}

/**
 * The handling that travels with the data, in `extensions.handling`: for each record in the
 * response, every handling code it carries (the strictest as `code`), their conditions and
 * its strictest TLP, whatever fields the operation asked for. Content carrying H1 is
 * flagged as not for evidential use; H3 carries its conditions.
 */
function handlingOf(disclosures: readonly (Disclosure & { handling: RecordHandling; path: (string | number)[] })[], released: ReleasedRecords): RecordHandlingEntry[] {
  return disclosures.map(({ type, id, owner, handling, path }) => ({
    type,
    id,
    owner,
    path,
    code: handling.code,
    codes: handling.codes,
    tlp: handling.tlp,
    conditions: handling.conditions,
    evidentialUse: !handling.codes.includes('H1'),
    // Released to the caller's agency on request: the owner's conditions for that release.
    ...(released.has(type, owner, id) ? { releaseConditions: released.conditionsOf(type, owner, id) ?? null } : {}),
  }));
}

/** One record's entry in `extensions.handling`. */
export interface RecordHandlingEntry {
  type: string;
  id: string;
  owner: string;
  /** Where the record first appears in `data`. */
  path: (string | number)[];
  /** The strictest of `codes`. */
  code: string;
  /** Every handling code the record carries (provenance, and fields of its own such as a contribution's `handlingCode`), strictest first. */
  codes: string[];
  /** The strictest TLP the record carries. */
  tlp: string;
  conditions: string | null;
  evidentialUse: boolean;
  /** Present when the owner released the record to the caller's agency on request: the conditions it set. */
  releaseConditions?: string | null;
}

/**
 * Completes the hit/no-hit answers the subgraphs gave (errors with code HIT at the path of
 * a record the caller may only know exists) with the owner's contact point, and lists them
 * as matches for the audit, which records a hit for each owner. The subgraph's `Type/id`
 * reference never leaves: the caller gets an opaque handle, kept with the match in the audit.
 *
 * A subgraph speaks only for the owners the registry says it serves: a HIT claiming any
 * other owner (or one the gateway cannot trace to a subgraph, from `serviceName`, which
 * the gateway sets itself) is dropped, logged, and neither answered nor audited.
 */
function answerHits<A extends { result: Awaited<ReturnType<GatewayExecutor>> }>(answer: A, contactPointOf: (agency: string) => string | null, serves: ServesOwner, logger: Logger) {
  const matches: AuditEntry['matches'] = [];
  let dropped = false;
  const errors = answer.result.errors?.flatMap((error) => {
    const hit = error.extensions?.code === ErrorCode.HIT ? (error.extensions.hit as HitAnswer | undefined) : undefined;
    if (!hit) return [error];
    const subgraph = error.extensions?.serviceName;
    if (typeof subgraph !== 'string' || typeof hit.owner !== 'string' || !serves(subgraph, hit.owner)) {
      dropped = true;
      logger.error({ subgraph: subgraph ?? null, owner: hit.owner, path: error.path }, 'a subgraph answered a hit for an owner it does not serve; the hit is dropped');
      return [];
    }
    const [type = '', id = ''] = hit.reference.split('/');
    const reference = newHitReference();
    matches.push({ type, id, owner: hit.owner, reference });
    return [new GraphQLError(error.message, { path: error.path, extensions: { code: ErrorCode.HIT, hit: { ...hit, reference, contactPoint: contactPointOf(hit.owner) } } })];
  });
  if (matches.length === 0 && !dropped) return { ...answer, matches };
  return { ...answer, matches, result: { ...answer.result, errors: errors && errors.length > 0 ? errors : undefined } };
}

const forbidden = (reason: string, message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, reason } });
/** Served while the supergraph does not match the policy; the detail is in the log. */
const policyMismatch = () => new GraphQLError('The gateway cannot serve this schema: its field policy does not match it.', { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });

/**
 * Wraps @apollo/gateway so that every operation runs under the field policy. Apollo Server
 * sees an ordinary gateway; the executor it gets first decides the operation for the
 * caller's subject (cached per policy version, subject and operation), hands the planner
 * the operation without its denied fields, and then applies the record rules and the
 * denial errors to the result. Introspection is answered from the caller's own schema.
 *
 * Every operation that reaches the executor is then recorded in the disclosure audit (who,
 * for what purpose, which records of which owner and which of their fields, what was
 * denied) and acknowledged durably before its answer leaves; if that fails, the caller
 * gets AUDIT_UNAVAILABLE and no data.
 *
 * The policy is checked against the schema at load, and a mismatch stops startup. When a
 * later supergraph no longer matches, the gateway refuses every operation until it does:
 * it fails closed rather than guard a schema it does not know.
 */
export class PolicyGateway implements GatewayInterface {
  private state: PolicyState | null = null;
  /** Why the current schema cannot be served, when it cannot. */
  private mismatch: unknown = null;

  constructor(
    private readonly inner: GatewayInterface,
    private readonly policy: GatewayPolicy,
    private readonly logger: Logger,
    /** Where every operation is recorded before its answer leaves; null only for measuring without it. */
    private readonly audit: AuditTrail | null,
    /** The contact point of an agency, from the registry, for hit/no-hit answers. */
    private readonly contactPointOf: (agency: string) => string | null = () => null,
    /** Which of these records their owners released to the caller on request (with their conditions); the subgraphs read the same grants themselves. */
    private readonly releasedTo: (caller: CallerContext, records: RecordKeys) => Promise<ReleasedRecords> = async () => ReleasedRecords.NONE,
    /** Which owners each subgraph serves (the registry): what it returns for any other owner is dropped. */
    private readonly subgraphs: readonly Pick<SubgraphEntry, 'name' | 'owners'>[] = subgraphRegistry,
  ) {
    // Registered first, so the policy follows each schema before Apollo Server sees it.
    inner.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
      try {
        this.adopt(apiSchema, coreSupergraphSdl);
        this.mismatch = null;
      } catch (error) {
        this.state = null;
        this.mismatch = error;
        this.logger.error({ err: error }, 'the supergraph does not match the field policy; refusing every operation until it does');
      }
    });
  }

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const loaded = await this.inner.load(options);
    if (this.mismatch || !this.state || !loaded.executor) {
      await this.inner.stop();
      throw this.mismatch ?? new Error('the gateway loaded no schema');
    }
    return { executor: this.wrap(selectGatewayExecutor(loadGatewayExecutor(), this.inner, loaded.executor)) };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop(): Promise<void> {
    return this.inner.stop();
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

  private adopt(schema: GraphQLSchema, supergraphSdl: string): void {
    if (this.state?.policy.schema === schema) return;
    const policy = compileFieldPolicy(this.policy, schema);
    this.state = {
      policy,
      decisions: new LRUCache({ max: 10_000 }),
      agencySchemas: new LRUCache({ max: 1_000 }),
      provenanceSources: provenanceSourcesOf(supergraphSdl),
    };
    if (policy.unruled.length > 0) this.logger.warn({ fields: policy.unruled }, `${policy.unruled.length} fields have no policy rule and are denied to everyone`);
  }

  private readonly serves: ServesOwner = (subgraph, owner) => {
    const entry = this.subgraphs.find((s) => s.name === subgraph);
    return !!entry && servesOwner(entry, owner);
  };

  /**
   * Records whose owner the subgraph that produced them does not serve: every subgraph
   * that can resolve the record type's provenance must serve its owner, so no subgraph can
   * pass a record off as another owner's.
   */
  private foreignRecords(state: PolicyState, disclosures: readonly Disclosure[]): Disclosure[] {
    return disclosures.filter((d) => {
      const sources = state.provenanceSources.get(d.type) ?? [];
      return sources.length === 0 || !sources.every((subgraph) => this.serves(subgraph, d.owner));
    });
  }

  private current(): PolicyState {
    if (!this.state) throw policyMismatch();
    return this.state;
  }

  private decide(state: PolicyState, subject: { subject: PolicySubject; key: string }, document: DocumentNode, operationName: string | undefined, queryHash: string) {
    const cacheKey = `${subject.key}\n${operationName ?? ''}\n${queryHash}`;
    let decision = state.decisions.get(cacheKey);
    if (!decision) {
      decision = decideOperation(state.policy, subject.subject, document, operationName, queryHash, { identifyRecords: true });
      state.decisions.set(cacheKey, decision);
      decision.catch(() => state.decisions.delete(cacheKey));
    }
    return decision;
  }

  private wrap(executor: GatewayExecutor): GatewayExecutor {
    return async (requestContext) => {
      const state = this.state;
      if (!state) return { errors: [policyMismatch()] };
      const caller = requestContext.context as GatewayContext;
      const { principal } = caller;
      const subject = subjectOf(principal);
      const logger = caller.requestScope?.logger ?? this.logger;
      const answer = answerHits(await this.run(state, subject, principal, executor, requestContext), this.contactPointOf, this.serves, logger);
      if (!this.audit) return answer.result;
      const entry = auditEntryFor(requestContext, caller, answer);
      try {
        // Written and acknowledged before anything is sent: no audit record, no data.
        await this.audit.record(entry);
      } catch {
        if (requestContext.response?.http) requestContext.response.http.status = 503;
        return { data: null, errors: [new GraphQLError('The disclosure audit could not be written, so no data is returned. Try again later.', { extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } })] };
      }
      return answer.result;
    };
  }

  /** Runs one operation under the policy: its result, and the records it disclosed. */
  private async run(
    state: PolicyState,
    subject: { subject: PolicySubject; key: string },
    principal: Principal,
    executor: GatewayExecutor,
    requestContext: Parameters<GatewayExecutor>[0],
  ): Promise<{ result: Awaited<ReturnType<GatewayExecutor>>; disclosures: (Disclosure & { handling: RecordHandling; path: (string | number)[] })[] }> {
    const { request } = requestContext;
    let decision: OperationDecision;
    try {
      decision = await this.decide(state, subject, requestContext.document, request.operationName, requestContext.queryHash);
    } catch (error) {
      if (error instanceof GraphQLError) return { result: { errors: [error] }, disclosures: [] };
      throw error;
    }
    if (decision.introspection === 'mixed') {
      return { result: { errors: [new GraphQLError('Introspection (__schema, __type) must be asked in an operation of its own.', { extensions: { code: ErrorCode.BAD_USER_INPUT } })] }, disclosures: [] };
    }
    if (decision.introspection === 'only') {
      const schema = await this.agencySchema(principal);
      if (!schema) return { result: { errors: [forbidden('NO_VISIBLE_FIELDS', 'Your roles give you no field of this schema to query.')] }, disclosures: [] };
      const result = (await execute({ schema, document: requestContext.document, variableValues: request.variables, operationName: request.operationName })) as Awaited<ReturnType<GatewayExecutor>>;
      return { result, disclosures: [] };
    }
    const planned = decision.document === requestContext.document ? requestContext : { ...requestContext, document: decision.document, queryHash: decision.queryHash };
    const result = await executor(planned);
    if (!decision.plan || !result.data) return { result, disclosures: [] };
    const { errors, disclosures } = await enforceOnResult(state.policy.schema, decision.plan, result.data, { ...subject.subject, projects: principal.projects }, request.variables ?? {});
    const logger = (requestContext.context as GatewayContext).requestScope?.logger ?? this.logger;
    const foreign = this.foreignRecords(state, disclosures);
    if (foreign.length > 0) {
      logger.error(
        { records: foreign.map(({ type, id, owner }) => ({ type, id, owner, subgraphs: state.provenanceSources.get(type) ?? [] })), agency: principal.agency },
        'a subgraph returned records of an owner it does not serve; the answer is withheld',
      );
      return { result: { data: null, errors: [new GraphQLError('The answer is withheld: a source returned a record it does not hold for its owner. The incident is logged.', { extensions: { code: ErrorCode.ANSWER_WITHHELD } })] }, disclosures: [] };
    }
    // Defence in depth: every record a subgraph returned must pass the release rules again here,
    // releases on request included (read for the other owners' records in the answer, which also carry the owners' conditions),
    // and a person-like record must be one the caller may identify.
    const caller = requestContext.context as CallerContext;
    const othersRecords = disclosures.filter((d) => d.owner !== principal.agency);
    let released = ReleasedRecords.NONE;
    try {
      if (othersRecords.length > 0) released = await this.releasedTo(caller, othersRecords);
    } catch (error) {
      logger.error({ err: error }, 'the release grants could not be read; no data is returned');
      if (requestContext.response?.http) requestContext.response.http.status = 503;
      return { result: { data: null, errors: [new GraphQLError('The release records could not be read, so no data is returned. Try again later.', { extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } })] }, disclosures: [] };
    }
    const unreleased = disclosures.filter((d) => !d.handling.facts || !isReleasedTo({ id: d.id, provenance: d.handling.facts, releasedOnRequest: released.has(d.type, d.handling.facts.owner, d.id) }, caller) || d.subjectDenial);
    if (unreleased.length > 0) {
      logger.error({ records: unreleased.map(({ type, id, owner }) => ({ type, id, owner })), agency: principal.agency }, 'a subgraph returned records not released to the caller; the answer is withheld');
      return { result: { data: null, errors: [new GraphQLError('The answer is withheld: it held a record not released to you. The incident is logged.', { extensions: { code: ErrorCode.ANSWER_WITHHELD } })] }, disclosures: [] };
    }
    const withHandling = disclosures.length > 0 ? { ...result, extensions: { ...result.extensions, handling: handlingOf(disclosures, released) } } : result;
    return { result: errors.length > 0 ? { ...withHandling, errors: [...(result.errors ?? []), ...errors] } : withHandling, disclosures };
  }
}

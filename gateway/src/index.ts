/** The gateway's public surface: what tools and tests build a gateway from. The process itself starts in `main.ts`. */
export { createGatewayServer, type GatewayServer, type GatewayServerOptions } from './server';
export { composeSupergraph, tryComposeSupergraph, type CompositionProblem, type SubgraphSource } from './composeSupergraph';
export { disableApolloTelemetry, loadConfig as loadGatewayConfig, loadGatewayExecutor } from './config';
export { UndiciDataSource, createSubgraphAgent } from './undiciDataSource';
export { createPlanExecutor, selectGatewayExecutor, type GatewayExecutorKind } from './execution/planExecutor';
export { supergraphForOwnExecutor } from './execution/supergraphForOwnExecutor';
export { useVariableCoercion } from './limits/useVariableCoercion';
export { PURPOSE_HEADER } from './identity/authenticateRequest';
export type { GatewayContext } from './gatewayContext';
export { GATEWAY_NODE_FLAGS } from './nodeFlags';
export { WORKBENCH_CONTENT_SECURITY_POLICY } from './workbench/createWorkbenchRoutes';
export { workbenchAssets } from './workbench/workbenchAssets';
export { WORKBENCH_WORDS } from './workbench/workbenchWords';
export { loadSavedOperations } from './workbench/loadSavedOperations';
export { TokenRefusal } from './identity/createAgencyTokenVerifier';
export { AuditTrail, type AuditTrailOptions } from './audit/auditTrail';
export { honourSealedGrants } from './audit/honourSealedGrants';
export { HELD_GRANTS, HELD_GRANTS_PER_CALLER } from './audit/releasedRecords';
export { openAuditHeadSink, parseAuditHeadSink, type AuditHeadSink, type AuditHeadSinkTarget } from './audit/auditHeadSink';
export {
  DEFAULT_TRUSTED_DOCUMENTS_DIR,
  documentId,
  loadTrustedDocuments,
  manifestText,
  readManifest,
  soleOperation,
  TrustedDocuments,
  type ManifestOperation,
} from './trustedDocuments/loadTrustedDocuments';

export { loadAgencyRegistry } from './identity/loadAgencyRegistry';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/useOperationLimits';
export { PROJECT_POLICY } from './policy';
export { gatewayPolicy } from './contributed/gatewayPolicy';
export { includeContributedPolicies, ContributedPolicyError } from './contributed/includeContributedPolicies';
export { definedFields } from './policy/definedFields';
export { NAMED_RULES, type RuleName } from './policy/rules';
export {
  compileFieldPolicy,
  PolicySchemaMismatchError,
  RECORD_IDENTIFIER_FIELDS,
  ROOT_TYPES,
  type FieldPolicy,
  type GatewayPolicy,
} from './policy/fieldPolicy';
export { decideOperation } from './policy/decideOperation';
export type { FieldDecision } from './policy/operationPlan';
export { apiSchemaOf } from './apiSchemaOf';
export { explainOperation, type Explanation } from './explain/explainOperation';
export { buildAgencySchema, printAgencySchema } from './policy/agencySchema';

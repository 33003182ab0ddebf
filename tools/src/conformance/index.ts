/** The federation gateway audit suite runner's parts, for `npm run conformance` (runConformance.ts) and the test subset in test/. */
export { AUDIT_SUITE_DIR, auditSuiteIds, loadAuditSuites, type AuditSubgraph, type AuditSuite, type AuditTest } from './loadAuditSuites';
export { compareAuditAnswer } from './compareAuditAnswer';
export { queryGateway, runAuditSuite, type AuditTestResult } from './runAuditSuite';
export { runConformanceGateway, type ConformanceGatewayRun } from './runConformanceGateway';
export { startAuditSubgraphs, type AuditSubgraphs } from './startAuditSubgraphs';
export {
  CONFORMANCE_GATEWAYS,
  conformanceCaller,
  GatewayUnavailable,
  permissivePolicyFor,
  startConformanceGateway,
  type ConformanceGateway,
  type ConformanceGatewayName,
} from './startConformanceGateway';

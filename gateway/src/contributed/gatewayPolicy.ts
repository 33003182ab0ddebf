import { subgraphRegistry } from '@intel-gateway/shared/registry';
import type { GatewayPolicy } from '../policy/fieldPolicy';
import { PROJECT_POLICY } from '../policy/index';
import { includeContributedPolicies } from './includeContributedPolicies';

let loadedPolicy: GatewayPolicy | undefined;

/**
 * The policy the gateway enforces: the project's rules (`PROJECT_POLICY`), plus the policy
 * file of each contributed subgraph in the registry (`gateway/policies/<name>.json`, written
 * by `npm run subgraph:new`), which may only add rules for that subgraph's own fields. Read
 * on first use, not on import, so a tool that reports a broken contribution (subgraph:check)
 * can still load; it throws ContributedPolicyError naming every problem.
 */
export function gatewayPolicy(): GatewayPolicy {
  loadedPolicy ??= includeContributedPolicies(PROJECT_POLICY, subgraphRegistry);
  return loadedPolicy;
}

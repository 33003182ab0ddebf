import type { JSONWebKeySet } from 'jose';
import type { Connection } from 'mongoose';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { AccountabilityRepositories } from './repositories';

/** What each accountability resolver gets: built per request by `createAccountabilityServer`. */
export interface AccountabilityContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: CallerContext;
  repositories: AccountabilityRepositories;
  /** The gateway's store, for the integrity check. */
  connection: Connection;
  /** The gateway's public keys, which the audit records' signatures must verify with. */
  gatewayJwks: JSONWebKeySet;
}

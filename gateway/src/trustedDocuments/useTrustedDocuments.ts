import type { ApolloServerPlugin } from '@apollo/server';
import { clientError, ErrorCode } from '@intel-gateway/shared/errors';
import type { CallerContext } from '@intel-gateway/shared/identity';
import type { TrustedDocuments } from './loadTrustedDocuments';

/**
 * Refuses, before planning, any operation an agency under trusted documents does not list
 * (PERSISTED_QUERY_NOT_IN_LIST, 403). As a plugin it sees every operation whatever route
 * brought it (`/graphql` by text or id, `/export/stix`), so no route goes around it.
 * Agencies without a manifest pay nothing.
 */
export function useTrustedDocuments(trusted: TrustedDocuments): ApolloServerPlugin<CallerContext> {
  return {
    async requestDidStart({ contextValue }) {
      const agency = contextValue.principal?.agency;
      if (agency === undefined || !trusted.restricts(agency)) return undefined;
      return {
        async didResolveOperation({ source }) {
          if (trusted.admits(agency, source)) return;
          throw clientError(
            ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
            `Operation refused: ${agency} runs only its trusted documents, and this operation is not one of them. Send a listed operation by its id, or its exact text.`,
            { extensions: { http: { status: 403 } } },
          );
        },
      };
    },
  };
}

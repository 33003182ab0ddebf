import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import type { Logger } from 'pino';
import type { RequestScoped } from '../http/requestScope';

/** Finds the logger of the request an error belongs to, for Apollo's `formatError`. */
export interface ErrorLoggers {
  /** Notes, as Apollo reports a request's errors (just before it formats them), which request they belong to. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** The logger of the request `error` came from (it carries the request id), or the service's own. */
  loggerFor(error: unknown): Logger;
}

/**
 * Apollo calls `formatError` without the request's context, so an error masked there would
 * be logged without its request id. Apollo hands each request's errors to the plugin's
 * `didEncounterErrors` and then the same error objects to `formatError`: the plugin keeps
 * each error's request logger (weakly, so nothing outlives the error) for `loggerFor`.
 */
export function createErrorLoggers(fallback: Logger): ErrorLoggers {
  const loggers = new WeakMap<object, Logger>();
  const listener: GraphQLRequestListener<BaseContext> = {
    async didEncounterErrors({ contextValue, errors }) {
      const logger = (contextValue as RequestScoped).requestScope?.logger;
      if (logger) for (const error of errors) loggers.set(error, logger);
    },
  };
  return {
    plugin: { requestDidStart: async () => listener },
    loggerFor: (error) => (typeof error === 'object' && error !== null ? loggers.get(error) : undefined) ?? fallback,
  };
}

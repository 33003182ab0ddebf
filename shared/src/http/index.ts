/** The HTTP server every service uses: routes, body limits, connection limits, TLS files, and the per-request scope it opens. */
export {
  type RouteHandler,
  type GraphQLHttpServerOptions,
  type GraphQLHttpRequestParts,
  type ServerTlsSettings,
  readBody,
  readBodyBytes,
  sendJson,
  routedPath,
  createGraphQLHttpServer,
  listen,
  close,
} from './createGraphQLHttpServer';
export { type ListenerLimits, GATEWAY_POOL_KEEP_ALIVE_MS, PUBLIC_LISTENER_LIMITS, SUBGRAPH_LISTENER_LIMITS } from './listenerLimits';
export { type ClientTlsSettings, loadServerTls, loadClientTls } from './loadTlsFiles';
export { REQUEST_ID_HEADER, type RequestScope, type RequestScoped, createRequestScope } from './requestScope';

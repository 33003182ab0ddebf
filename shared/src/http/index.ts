/** The HTTP server every service uses: routes, body limits, TLS files, and the per-request scope it opens. */
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
export { type ClientTlsSettings, loadServerTls, loadClientTls } from './loadTlsFiles';
export { REQUEST_ID_HEADER, type RequestScope, type RequestScoped, createRequestScope } from './requestScope';

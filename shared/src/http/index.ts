/** The HTTP server every service uses: routes, body limits, TLS files. */
export { type RouteHandler, type GraphQLHttpServerOptions, type GraphQLHttpRequestParts, type ServerTlsSettings, readBody, readBodyBytes, sendJson, routedPath, createGraphQLHttpServer, listen, close } from './createGraphQLHttpServer';
export { type ClientTlsSettings, loadServerTls, loadClientTls } from './loadTlsFiles';

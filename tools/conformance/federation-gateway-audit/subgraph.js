// @ts-check
'use strict';
/*
 * Not from the suite: this project's stand-in for the suite's `src/subgraph.ts`, which serves
 * each subgraph with graphql-yoga behind fets. Here a subgraph is only its name, SDL and
 * resolvers; tools/src/conformance/startAuditSubgraphs.ts serves it (see SOURCE.md).
 */
Object.defineProperty(exports, '__esModule', { value: true });

/**
 * @param {string} name
 * @param {{ typeDefs: string, resolvers: unknown }} schema
 */
function createSubgraph(name, schema) {
  return { name, typeDefs: schema.typeDefs, resolvers: schema.resolvers };
}
exports.createSubgraph = createSubgraph;

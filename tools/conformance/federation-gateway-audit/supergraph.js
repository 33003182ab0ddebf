// @ts-check
'use strict';
/*
 * Not from the suite: this project's stand-in for the suite's `src/supergraph.ts`, whose
 * `serve` registers a suite's subgraphs, supergraph and tests as HTTP routes. Here it returns
 * them as they are; tools/src/conformance/ composes and serves them (see SOURCE.md).
 */
Object.defineProperty(exports, '__esModule', { value: true });

/**
 * @param {string} id
 * @param {unknown[]} subgraphs
 * @param {unknown[] | (() => unknown[])} tests
 */
function serve(id, subgraphs, tests) {
  return { id, subgraphs, tests: Array.isArray(tests) ? tests : tests() };
}
exports.serve = serve;

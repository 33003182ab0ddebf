import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadToolsConfig } from '../config';
import { findSubgraphProblems } from './findSubgraphProblems';

/**
 * `npm run subgraph:check -- <name | subgraph folder | schema.graphql> [--policy FILE]
 * [--root DIR]`: tells a contributing agency, offline and before deployment, whether its
 * subgraph composes with the others, whether every shareable type carries the provenance
 * block, and whether every field has a gateway rule (see `findSubgraphProblems`). Prints
 * one message per problem and exits 1, or a short summary and exits 0.
 */
function main(): number {
  const { values, positionals } = parseArgs({ options: { root: { type: 'string' }, policy: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('usage: npm run subgraph:check -- <name | subgraph folder | schema.graphql> [--policy gateway-policy.json] [--root DIR]');
    return 1;
  }
  const config = loadToolsConfig();
  const from = (path: string) => resolve(config.INIT_CWD, path);
  const target = positionals[0]!;
  const report = findSubgraphProblems(/[/\\.]/.test(target) ? from(target) : target, {
    ...(values.root ? { root: from(values.root) } : {}),
    ...(values.policy ? { policyPath: from(values.policy) } : {}),
  });
  if (report.problems.length === 0) {
    console.log(`subgraph:check ${report.subgraph}: OK\n${report.passed.map((line) => `  ${line}`).join('\n')}`);
    return 0;
  }
  console.log(`subgraph:check ${report.subgraph}: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`);
  report.problems.forEach((problem, index) => console.log(`  ${index + 1}. ${problem}`));
  for (const line of report.skipped) console.log(`  not checked: ${line}`);
  return 1;
}

process.exitCode = main();

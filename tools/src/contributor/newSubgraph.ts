import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadToolsConfig } from '../config';
import { ScaffoldFailed, ScaffoldRefused, scaffoldSubgraph } from './scaffoldSubgraph';

/**
 * `npm run subgraph:new -- --name <agency> [--owner AGENCY-CODE] [--root DIR] [--no-install]`: adds a working
 * subgraph for an agency and registers it everywhere (see `scaffoldSubgraph`); `--owner`
 * names the agency whose records it holds (default NCB-DE, the template example's). `--root`
 * works on another copy of the project; `--no-install` leaves the npm install to you.
 * Exits 1 with the reason when it refuses or fails; then nothing was changed.
 */
function main(): number {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, owner: { type: 'string' }, root: { type: 'string' }, install: { type: 'boolean', default: true } },
    allowNegative: true,
  });
  const config = loadToolsConfig();
  try {
    const result = scaffoldSubgraph({
      name: values.name,
      ...(values.owner ? { owner: values.owner } : {}),
      ...(values.root ? { root: resolve(config.INIT_CWD, values.root) } : {}),
      install: values.install,
    });
    console.log(`added subgraph "${result.name}" (default port ${result.defaultPort})`);
    console.log(`\ncreated:\n${result.created.map((path) => `  ${path}`).join('\n')}`);
    console.log(`\nregistered in:\n${result.changed.map((path) => `  ${path}`).join('\n')}`);
    console.log(`\nsubgraph:check ${result.name}: OK\n${result.checked.map((line) => `  ${line}`).join('\n')}`);
    console.log(
      [
        '',
        'next:',
        `  1. replace the example record in subgraphs/${result.name}/schema.graphql and src/ with your own types`,
        `  2. give every new field a gateway rule in gateway/policies/${result.name}.json, and its type a rule in src/permissions.ts`,
        `  3. npm run subgraph:check -- ${result.name}`,
        `  4. npm test -- test/${result.created.find((path) => path.startsWith('test/'))?.slice('test/'.length) ?? ''}`,
        '  5. npm run format: lays the new files out as the rest of the project (npm run lint, which CI runs, checks it)',
        '  6. npm run schema:write, and commit gateway/agency-schemas/ with the rest: reviewers see which agencies see your fields',
        '  7. npm start',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldRefused) {
      console.error(`subgraph:new refused: ${error.message}\nNothing was written.`);
      return 1;
    }
    if (error instanceof ScaffoldFailed) {
      console.error(`subgraph:new failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main();

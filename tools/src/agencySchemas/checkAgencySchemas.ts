import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadToolsConfig } from '../config';
import { supergraphPath } from '../projectSupergraph';
import { committedAgencySchemas, currentAgencySchemas } from './agencySchemaFiles';
import { compareAgencySchemas } from './compareAgencySchemas';

/**
 * `npm run schema:check`: compares each agency's current schema (supergraph + policy) with
 * the committed one and reports, per agency and role, the changes that break dashboards
 * (removed fields, changed types, …), the dangerous ones, and the fields it newly exposes
 * (a wider disclosure a reviewer should agree to). Exits 1 when anything
 * breaks; non-breaking changes only ask for `npm run schema:write`, except in CI (`CI`
 * set), where schemas not written again are stale generated files and fail. `--dir` compares
 * against schemas kept elsewhere (a dashboard team's copy): a store as `schema:write`
 * writes it, or `<AGENCY>/<ROLE>.graphql` files.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const config = loadToolsConfig();
  const committed = committedAgencySchemas(values.dir ? resolve(config.INIT_CWD, values.dir) : undefined);
  if (committed.size === 0) throw new Error('no committed agency schemas found; run `npm run schema:write` first');
  const changes = compareAgencySchemas(committed, await currentAgencySchemas(readFileSync(supergraphPath, 'utf8')));
  const breaking = changes.filter((change) => change.breaking.length > 0);
  for (const change of changes) {
    const kind = change.breaking.length > 0 ? 'BREAKING' : change.dangerous.length > 0 ? 'dangerous' : 'compatible';
    console.log(`${change.path.replace(/\.graphql$/, '')}: ${kind}`);
    for (const line of change.breaking) console.log(`  breaking  ${line}`);
    for (const line of change.dangerous) console.log(`  dangerous ${line}`);
    for (const coordinate of change.exposed) console.log(`  exposes   ${coordinate}`);
  }
  if (changes.length === 0) console.log('Every agency schema matches the committed one.');
  else if (breaking.length === 0 && config.CI) {
    console.log(
      `\n${changes.length} agency schema(s) are stale: no breaking change, but the committed files are not what the supergraph and the policy give now. Run \`npm run schema:write\` and commit them (in CI a stale generated file fails the check).`,
    );
    process.exitCode = 1;
  } else if (breaking.length === 0)
    console.log(`\nNo breaking change; ${changes.length} schema(s) changed compatibly: run \`npm run schema:write\` and commit them.`);
  else {
    console.log(
      `\n${breaking.length} agency schema(s) have breaking changes for their dashboards. Keep the old fields (deprecate them) or agree the change with those agencies, then run \`npm run schema:write\`.`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

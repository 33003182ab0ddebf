// `npm test`: install what is missing, build (which type-checks every workspace), type-check
// the tests (tsconfig.test.json), make sure the browser the workbench test drives is there,
// then run both jest projects: `unit` (beside the code) and `integration` (test/). Extra
// arguments go to jest, e.g. `npm test -- test/federation.test.ts`. `npm run test:unit` runs
// the unit project alone, with no database and no build.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureChromium } from './ensureChromium.mjs';
import { ensureInstalled, root } from './ensureInstalled.mjs';

ensureInstalled();
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const typeCheck = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.test.json'), '--noEmit'], { cwd: root, stdio: 'inherit' });
if (typeCheck.status !== 0) {
  console.error(`\nthe tests do not type-check (tsc -p tsconfig.test.json, exit ${typeCheck.status ?? typeCheck.signal}).`);
  process.exit(typeCheck.status ?? 1);
}
const chromium = ensureChromium();
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(result.status ?? 1);

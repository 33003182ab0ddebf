// `npm test`: install what is missing, build (which type-checks every workspace), make sure
// the browser the workbench test drives is there, then run jest. Extra arguments go to
// jest, e.g. `npm test -- test/federation.test.ts`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureChromium } from './ensureChromium.mjs';
import { ensureInstalled, root } from './ensureInstalled.mjs';

ensureInstalled();
const chromium = ensureChromium();
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
process.exit(result.status ?? 1);

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';

/**
 * No production TypeScript file over 300 lines, so that each file keeps to one
 * concern a newcomer can read in one sitting. Counted like `wc -l` on the formatted tree;
 * tests, the cross-service tests in test/ and the vendored conformance suite are left out.
 */
const MAX_LINES = 300;

/** Git-tracked `.ts` files that are production code, relative to the repository root. */
function productionTypeScriptFiles(): string[] {
  const result = spawnSync('git', ['ls-files', '-z', '--', '*.ts'], { cwd: repositoryRoot, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout
    .split('\0')
    .filter((path) => path !== '')
    .filter((path) => !path.endsWith('.test.ts'))
    .filter((path) => !path.startsWith('test/') && !path.startsWith('tools/conformance/federation-gateway-audit/'));
}

/** Lines in a file as `wc -l` counts them: newline characters. */
function lineCount(path: string): number {
  return readFileSync(join(repositoryRoot, path), 'utf8').split('\n').length - 1;
}

it('finds the production TypeScript files of every workspace', () => {
  const files = productionTypeScriptFiles();
  for (const prefix of ['shared/src/', 'gateway/src/', 'tools/src/', 'subgraphs/interpol/src/']) {
    expect(files.some((path) => path.startsWith(prefix))).toBe(true);
  }
  expect(files.filter((path) => path.startsWith('test/') || path.endsWith('.test.ts'))).toEqual([]);
});

it(`keeps every production TypeScript file at ${MAX_LINES} lines or fewer`, () => {
  const tooLong = productionTypeScriptFiles()
    .map((path) => ({ path, lines: lineCount(path) }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(tooLong).toEqual([]);
});

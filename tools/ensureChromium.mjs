// Finds the Chromium the workbench browser test drives (test/workbench.browser.test.ts):
// CHROMIUM_PATH if set, else Debian's /usr/bin/chromium. On a fresh Debian machine, as
// root with apt-get, it installs the distribution's package; no browser is ever
// downloaded from anywhere else. Plain JavaScript with no dependencies, like
// ensureInstalled.mjs, and the one place besides the test's config that reads this setting.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

function aptGet(args) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0)
    fail(
      `"apt-get ${args.join(' ')}" failed (exit ${result.status ?? result.signal}); install Chromium yourself (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
}

/** The path of a runnable Chromium, installed with apt-get if need be; exits with a clear message when there is none. */
export function ensureChromium(env = process.env) {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (isExecutable(configured)) return configured;
    fail(
      `CHROMIUM_PATH is set to ${configured}, which is not an executable file. Point it at a Chromium or Chrome binary, or unset it to use ${DEFAULT_CHROMIUM_PATH}.`,
    );
  }
  if (isExecutable(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    fail(
      `Chromium is needed by the workbench browser test and was not found at ${DEFAULT_CHROMIUM_PATH}.\n` +
        `Install Debian's package (sudo apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  console.log(
    `Chromium not found at ${DEFAULT_CHROMIUM_PATH}: installing Debian's chromium package for the workbench browser test (apt-get update, apt-get install -y chromium)...`,
  );
  aptGet(['update']);
  aptGet(['install', '-y', 'chromium']);
  if (!isExecutable(DEFAULT_CHROMIUM_PATH))
    fail(`apt-get installed chromium, but ${DEFAULT_CHROMIUM_PATH} is still missing; set CHROMIUM_PATH to its binary.`);
  return DEFAULT_CHROMIUM_PATH;
}

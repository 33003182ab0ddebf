import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** File changes that are kept together or not at all. */
export interface FileTransaction {
  /** Writes a new file, making its directories; refuses to overwrite anything. */
  create(path: string, content: string): void;
  /** Replaces an existing file's content; the original comes back on rollback. */
  replace(path: string, content: string): void;
  /** Keeps a file's current content (or its absence) before something else, such as npm, changes it. */
  snapshot(path: string): void;
  /** Restores every replaced or snapshotted file and removes every created file and directory, newest first. */
  rollback(): void;
  /** The files created and replaced so far, in order. */
  readonly created: readonly string[];
  readonly replaced: readonly string[];
}

/**
 * A transaction over files, for commands that change several files and must leave the
 * project as they found it when a later step fails. Directories it made are removed whole.
 */
export function createFileTransaction(): FileTransaction {
  const created: string[] = [];
  const createdDirectories: string[] = [];
  const originals = new Map<string, string | null>();
  const replaced: string[] = [];

  const makeDirectories = (directory: string) => {
    const missing: string[] = [];
    for (let current = directory; !existsSync(current); current = dirname(current)) missing.unshift(current);
    for (const path of missing) {
      mkdirSync(path);
      createdDirectories.push(path);
    }
  };

  return {
    created,
    replaced,
    create(path, content) {
      if (existsSync(path)) throw new Error(`${path} already exists`);
      makeDirectories(dirname(path));
      writeFileSync(path, content, { flag: 'wx' });
      created.push(path);
    },
    replace(path, content) {
      if (!originals.has(path)) originals.set(path, readFileSync(path, 'utf8'));
      writeFileSync(path, content);
      if (!replaced.includes(path)) replaced.push(path);
    },
    snapshot(path) {
      if (!originals.has(path)) originals.set(path, existsSync(path) ? readFileSync(path, 'utf8') : null);
    },
    rollback() {
      for (const [path, content] of [...originals].reverse()) {
        if (content === null) rmSync(path, { force: true });
        else writeFileSync(path, content);
      }
      for (const path of [...created].reverse()) rmSync(path, { force: true });
      for (const path of [...createdDirectories].reverse()) {
        if (existsSync(path) && lstatSync(path).isDirectory()) rmSync(path, { recursive: true, force: true });
      }
    },
  };
}

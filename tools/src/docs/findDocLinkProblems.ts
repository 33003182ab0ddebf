import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** One link or path in the docs that leads nowhere. */
export interface DocLinkProblem {
  /** The Markdown file, relative to the repository root. */
  file: string;
  line: number;
  /** The link target or path as written. */
  target: string;
  why: string;
}

/**
 * The top-level folders whose files the docs name in backticks (`gateway/src/server.ts`):
 * such a path must exist in the tree. Paths elsewhere (`node_modules/…`, `~/.cache/…`) are
 * not the tree's and are not checked.
 */
const CHECKED_PATH_ROOTS = ['.ci', 'deploy', 'docs', 'gateway', 'shared', 'subgraphs', 'test', 'tools'];

/**
 * A page may name paths that exist only once its reader follows it (the subgraph
 * `npm run subgraph:new` writes in the contributor's walk-through) by declaring the example
 * name once, in an HTML comment: `<!-- example names: customs -->`. A path with a part
 * containing that name is then not checked on that page.
 */
const EXAMPLE_NAMES = /<!--\s*example names:\s*([^>]*?)\s*-->/g;

/**
 * A part of a page that describes the tree at an earlier commit (the request path before a
 * refactor) names that commit's files: it sits between `<!-- tree at commit <sha> -->` and
 * `<!-- end tree at commit -->`, and its paths are checked against that commit's tree, so
 * they stay checked after the files move.
 */
const TREE_AT_COMMIT = /<!--\s*tree at commit ([0-9a-f]{7,40})\s*-->/;
const END_TREE_AT_COMMIT = /<!--\s*end tree at commit\s*-->/;

/** The files and folders of a commit's tree, or null when the clone does not hold that commit. */
function commitTree(root: string, commit: string): Set<string> | null {
  try {
    const listing = execFileSync('git', ['ls-tree', '-r', '-t', '--name-only', '-z', commit], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return new Set(listing.split('\0').filter(Boolean));
  } catch {
    return null;
  }
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside code blocks), with GitHub's -1, -2 … for repeats. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = text.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!heading) continue;
    const base = headingAnchor(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** The lines outside fenced code blocks, numbered from 1. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fence: string | null = null;
  markdown.split('\n').forEach((text, index) => {
    const marker = text.match(/^\s*(```+|~~~+)/)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      return;
    }
    if (fence === null) lines.push({ text, line: index + 1 });
  });
  return lines;
}

/** Directories (from `.gitignore`'s `name/` lines) that exist only on a working machine: paths in them are not checked. */
function ignoredDirectories(root: string): string[] {
  const file = join(root, '.gitignore');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.endsWith('/') && !line.startsWith('#'))
    .map((line) => line.replace(/^\//, '').replace(/\/$/, ''));
}

function isIgnored(path: string, ignored: readonly string[]): boolean {
  const parts = path.split('/');
  return ignored.some((entry) => (entry.includes('/') ? path === entry || path.startsWith(`${entry}/`) : parts.includes(entry)));
}

/** Whether a backticked text is a path in the tree the docs promise exists. */
function treePath(code: string): string | null {
  const path = code.replace(/^\.\//, '');
  if (!/^[\w.-]+(\/[\w.-]+)+\/?$/.test(path)) return null;
  return CHECKED_PATH_ROOTS.includes(path.split('/')[0]!) ? path.replace(/\/$/, '') : null;
}

/**
 * Every Markdown file of the tree: the root README.md, docs/, and any other (a folder's own
 * README.md), outside dependencies, build output, hidden folders and git-ignored folders.
 */
export function docFiles(root: string): string[] {
  const ignored = ignoredDirectories(root);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const path = dir === '' ? name : `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) {
        if (!name.startsWith('.') && name !== 'node_modules' && name !== 'dist' && !isIgnored(path, ignored)) walk(path);
      } else if (name.endsWith('.md')) files.push(path);
    }
  };
  walk('');
  return files;
}

/**
 * Checks that every relative link in the docs (see docFiles) leads to a file that
 * exists, and to a heading of it when it names one (`operations.md#settings`), and that
 * every path of the tree named in backticks exists. Links to the web are not followed.
 * `files` are relative to `root`.
 */
export function findDocLinkProblems(root: string, files: readonly string[] = docFiles(root)): DocLinkProblem[] {
  const problems: DocLinkProblem[] = [];
  const ignored = ignoredDirectories(root);
  const anchorCache = new Map<string, Set<string>>();
  const anchorsIn = (file: string): Set<string> => {
    let anchors = anchorCache.get(file);
    if (!anchors) anchorCache.set(file, (anchors = anchorsOf(readFileSync(file, 'utf8'))));
    return anchors;
  };
  for (const file of files) {
    const absolute = resolve(root, file);
    const markdown = readFileSync(absolute, 'utf8');
    const examples = [...markdown.matchAll(EXAMPLE_NAMES)].flatMap((match) => match[1]!.split(/[\s,]+/).filter(Boolean));
    /** The commit the lines being read describe, with its tree; null for today's tree. */
    let past: { commit: string; tree: Set<string> | null } | null = null;
    for (const { text, line } of proseLines(markdown)) {
      const problem = (target: string, why: string) => problems.push({ file, line, target, why });
      const opened = text.match(TREE_AT_COMMIT)?.[1];
      if (opened) {
        past = { commit: opened, tree: commitTree(root, opened) };
        if (!past.tree) problem(opened, 'this clone does not hold that commit, so the paths it names cannot be checked');
        continue;
      }
      if (END_TREE_AT_COMMIT.test(text)) {
        past = null;
        continue;
      }
      const codeSpans = [...text.matchAll(/(`+)(.+?)\1/g)];
      const prose = codeSpans.reduce((rest, [span]) => rest.replace(span, ' '), text);
      for (const [, , code] of codeSpans) {
        const path = treePath(code!.trim());
        if (!path || isIgnored(path, ignored) || examples.some((name) => path.split('/').some((part) => part.includes(name)))) continue;
        if (past) {
          if (past.tree && !past.tree.has(path)) problem(path, `no such file or folder at commit ${past.commit}`);
        } else if (!existsSync(join(root, path))) problem(path, 'no such file or folder in the tree');
      }
      for (const [, target] of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (/^[a-z][a-z+.-]*:/i.test(target!)) continue;
        const [pathPart = '', anchor] = target!.split('#', 2);
        const linked = pathPart === '' ? absolute : resolve(dirname(absolute), decodeURIComponent(pathPart));
        const linkedFromRoot = relative(root, linked).split(sep).join('/');
        if (linkedFromRoot.startsWith('..')) {
          problem(target!, 'leads outside the repository');
          continue;
        }
        if (past && pathPart !== '') {
          if (past.tree && !past.tree.has(linkedFromRoot)) problem(target!, `no such file or folder at commit ${past.commit}`);
          continue;
        }
        if (!existsSync(linked)) {
          problem(target!, 'no such file');
          continue;
        }
        if (anchor === undefined) continue;
        if (!linked.endsWith('.md')) problem(target!, 'an anchor into a file that is not Markdown');
        else if (!anchorsIn(linked).has(anchor)) problem(target!, `no heading with anchor #${anchor} in ${linkedFromRoot}`);
      }
    }
  }
  return problems;
}

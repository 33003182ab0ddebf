import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { docFiles, findDocLinkProblems, headingAnchor } from './findDocLinkProblems';

const root = resolve(__dirname, '..', '..', '..');

describe('findDocLinkProblems', () => {
  let dir: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'doc-links-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names each link to a missing file or heading, and each missing path in backticks', () => {
    write('.gitignore', 'node_modules/\ndeploy/secrets/\n');
    write('gateway/src/server.ts', '');
    write(
      'README.md',
      [
        '# Title',
        'See [the policy](docs/policy.md#field-rules), [nothing](docs/nowhere.md) and [here](#title).',
        'Code in `gateway/src/server.ts` and `gateway/src/gone.ts`; `deploy/secrets/x.pem` is made on the machine.',
        'The web is not followed: [Apollo](https://www.apollographql.com/docs/).',
        '```',
        '[inside a code block](docs/absent.md) `gateway/absent.ts`',
        '```',
        '[up and out](../outside.md) and [a bad anchor](#no-such-heading)',
      ].join('\n'),
    );
    write(
      'docs/policy.md',
      '# Policy\n\n## Field rules\n\nFor the [subgraph](subgraphs.md#keys).\n\n<!-- example names: customs -->\n`subgraphs/customs/schema.graphql` is written by the scaffolder.\n',
    );
    write('docs/subgraphs.md', '# Subgraphs\n\n## Keys\n\n## Keys\n\n[the second](#keys-1), [a third](#keys-2)\n');
    write('gateway/trusted-documents/README.md', '# Trusted documents\nSee [dashboards](../../docs/dashboards.md).\n');
    write('node_modules/pkg/README.md', "[a dependency's own link](nowhere.md)\n");
    write('deploy/secrets/README.md', '[made on the machine](nowhere.md)\n');

    expect(findDocLinkProblems(dir)).toEqual([
      { file: 'README.md', line: 2, target: 'docs/nowhere.md', why: 'no such file' },
      { file: 'README.md', line: 3, target: 'gateway/src/gone.ts', why: 'no such file or folder in the tree' },
      { file: 'README.md', line: 8, target: '../outside.md', why: 'leads outside the repository' },
      { file: 'README.md', line: 8, target: '#no-such-heading', why: 'no heading with anchor #no-such-heading in README.md' },
      { file: 'docs/subgraphs.md', line: 7, target: '#keys-2', why: 'no heading with anchor #keys-2 in docs/subgraphs.md' },
      { file: 'gateway/trusted-documents/README.md', line: 2, target: '../../docs/dashboards.md', why: 'no such file' },
    ]);
  });

  it("checks a section about an earlier commit against that commit's tree, and says so when the clone lacks the commit", () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=docs', '-c', 'user.email=docs@example.invalid', ...args], {
        cwd: dir,
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    write('gateway/src/policy/policyGateway.ts', '');
    git('add', '.');
    git('commit', '-q', '-m', 'before');
    const before = git('rev-parse', 'HEAD');
    rmSync(join(dir, 'gateway/src/policy/policyGateway.ts'));
    write('gateway/src/execution/withFieldPolicy.ts', '');
    write(
      'docs/path.md',
      [
        '# Path',
        `<!-- tree at commit ${before} -->`,
        'Then `gateway/src/policy/policyGateway.ts` ([it](../gateway/src/policy/policyGateway.ts)), never `gateway/src/policy/executor.ts`.',
        '<!-- end tree at commit -->',
        'Now `gateway/src/execution/withFieldPolicy.ts`, not `gateway/src/policy/policyGateway.ts`.',
        '<!-- tree at commit 0123456789abcdef0123456789abcdef01234567 -->',
        '`gateway/src/anything.ts`',
        '<!-- end tree at commit -->',
      ].join('\n'),
    );
    expect(findDocLinkProblems(dir, ['docs/path.md'])).toEqual([
      { file: 'docs/path.md', line: 3, target: 'gateway/src/policy/executor.ts', why: `no such file or folder at commit ${before}` },
      { file: 'docs/path.md', line: 5, target: 'gateway/src/policy/policyGateway.ts', why: 'no such file or folder in the tree' },
      {
        file: 'docs/path.md',
        line: 6,
        target: '0123456789abcdef0123456789abcdef01234567',
        why: 'this clone does not hold that commit, so the paths it names cannot be checked',
      },
    ]);
  });

  it('makes the anchors GitHub makes', () => {
    expect(headingAnchor('Deployment (docker-compose)')).toBe('deployment-docker-compose');
    expect(headingAnchor('Subgraph request signing and TLS')).toBe('subgraph-request-signing-and-tls');
    expect(headingAnchor('`npm test`: what runs')).toBe('npm-test-what-runs');
  });
});

describe("the project's docs", () => {
  it('link only to files and headings that exist, and name only paths that exist', () => {
    expect(findDocLinkProblems(root, docFiles(root))).toEqual([]);
  });

  it('keep the README to what a newcomer needs (at most 200 lines)', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(200);
  });

  it('open every hand-written page in docs/ with the line saying who it is for', () => {
    const pages = docFiles(root).filter((file) => file.startsWith('docs/'));
    expect(pages.length).toBeGreaterThan(0);
    const withoutAudience = pages.filter((file) => {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      if (lines.slice(0, 3).some((line) => /generated/i.test(line))) return false;
      const first = lines.find((line, index) => index > 0 && line.trim() !== '');
      return !first?.startsWith('*For ');
    });
    expect(withoutAudience).toEqual([]);
  });
});

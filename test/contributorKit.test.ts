import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  apiSchemaOf,
  compileFieldPolicy,
  gatewayPolicy,
  includeContributedPolicies,
  NAMED_RULES,
  PROJECT_POLICY,
} from '@intel-gateway/gateway';
import { loadSubgraphRegistry, repositoryRoot, subgraphIdentifiers, subgraphRegistry } from '@intel-gateway/shared/registry';
import {
  composeProjectSupergraph,
  findSubgraphProblems,
  renderDockerCompose,
  ScaffoldFailed,
  ScaffoldRefused,
  scaffoldSubgraph,
} from '@intel-gateway/tools';
import { findBoundaryProblems } from '@intel-gateway/tools/boundaries';

/**
 * The contributor kit on a temporary copy of the project (its files, sharing this
 * clone's node_modules): `npm run subgraph:new` refuses bad names and writes nothing,
 * undoes everything when a later step fails, and otherwise adds a subgraph that type-checks,
 * composes and passes `npm run subgraph:check`, registered everywhere the system reads
 * subgraphs from and laid out like the others (`main.ts` starts it); `subgraph:check` names
 * each problem of a broken schema or policy.
 */
const newSubgraphCli = resolve(repositoryRoot, 'tools', 'dist', 'contributor', 'newSubgraph.js');
const checkSubgraphCli = resolve(repositoryRoot, 'tools', 'dist', 'contributor', 'checkSubgraph.js');

/** The subgraph the test adds: `customs`, or the first `customs-<n>` this project does not have yet. */
const NAME = ['customs', ...Array.from({ length: 20 }, (_, i) => `customs-${i + 2}`)].find(
  (name) => !subgraphRegistry.some((s) => s.name === name) && !existsSync(resolve(repositoryRoot, 'subgraphs', name)),
)!;
const { pascal: PASCAL, camel: CAMEL, constant: CONSTANT } = subgraphIdentifiers(NAME);
const PORT = Math.max(...subgraphRegistry.map((s) => s.defaultPort)) + 1;

let root: string;

/** The project's files (tracked, and new ones git does not ignore) in a fresh folder, with this clone's node_modules linked in. */
function copyProject(): string {
  const copy = mkdtempSync(join(tmpdir(), 'intel-gateway-contrib-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repositoryRoot,
    encoding: 'utf8',
  }).split('\0');
  for (const file of files.filter((f) => f && existsSync(resolve(repositoryRoot, f)))) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(resolve(repositoryRoot, file), join(copy, file));
  }
  symlinkSync(resolve(repositoryRoot, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/** Every file of the copy (node_modules aside) with a hash of its content: equal fingerprints, nothing written. */
function fingerprint(directory: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(path);
      else files[relative(directory, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(directory);
  return files;
}

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const read = (path: string) => readFileSync(join(root, path), 'utf8');

beforeAll(() => {
  root = copyProject();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run subgraph:new', () => {
  it.each([
    ['', /give the new subgraph a name/],
    ['Customs', /not a valid subgraph name/],
    ['customs_agency', /not a valid subgraph name/],
    ['-customs', /not a valid subgraph name/],
    ['customs-', /not a valid subgraph name/],
    ['border--guard', /not a valid subgraph name/],
    ['1customs', /not a valid subgraph name/],
    ['customs agency', /not a valid subgraph name/],
    ['../customs', /not a valid subgraph name/],
    ['c'.repeat(33), /too long/],
    ['gateway', /reserved/],
    ['seed', /reserved/],
    ['national', /already a registered subgraph/],
    ['accountability', /already a registered subgraph/],
  ])('refuses the name %j and writes nothing', (name, reason) => {
    const before = fingerprint(root);
    expect(() => scaffoldSubgraph({ name, root, install: false })).toThrow(ScaffoldRefused);
    expect(() => scaffoldSubgraph({ name, root, install: false })).toThrow(reason);
    expect(fingerprint(root)).toEqual(before);
  });

  it('refuses a name whose folder already exists, and says so from the command line, writing nothing', () => {
    mkdirSync(join(root, 'subgraphs', 'legacy'));
    writeFileSync(join(root, 'subgraphs', 'legacy', 'notes.txt'), 'an older attempt');
    const before = fingerprint(root);
    const refused = run(newSubgraphCli, ['--name', 'legacy', '--root', root, '--no-install']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/refused: subgraphs\/legacy already exists\nNothing was written\./);
    const invalid = run(newSubgraphCli, ['--name', 'Bad_Name', '--root', root, '--no-install']);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('"Bad_Name" is not a valid subgraph name');
    expect(fingerprint(root)).toEqual(before);
    rmSync(join(root, 'subgraphs', 'legacy'), { recursive: true });
  });

  it('undoes every write when a later step fails: a name whose types clash with another subgraph does not compose', () => {
    const before = fingerprint(root);
    let failure: unknown;
    try {
      scaffoldSubgraph({ name: 'sltd', root, install: false });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ScaffoldFailed);
    expect(String(failure)).toMatch(/could not add subgraph "sltd", so nothing was changed: .*composition failed[\s\S]*SltdRecord/);
    expect(fingerprint(root)).toEqual(before);
  });

  it('adds a subgraph that passes subgraph:check', () => {
    const added = run(newSubgraphCli, ['--name', NAME, '--root', root, '--no-install']);
    expect({ status: added.status, stderr: added.stderr }).toEqual({ status: 0, stderr: '' });
    expect(added.stdout).toContain(`added subgraph "${NAME}" (default port ${PORT})`);
    const checked = run(checkSubgraphCli, [NAME, '--root', root]);
    expect({ status: checked.status, stdout: checked.stdout }).toEqual({
      status: 0,
      stdout: expect.stringMatching(new RegExp(`^subgraph:check ${NAME}: OK\n`)),
    });
    expect(checked.stdout).toContain(`composes with ${subgraphRegistry.map((s) => s.name).join(', ')}`);
    expect(checked.stdout).toContain(`record types carry their provenance block (${PASCAL}Record)`);
  });

  it('registers it everywhere the system reads subgraphs from', () => {
    const registry = loadSubgraphRegistry(root);
    expect(registry.find((s) => s.name === NAME)).toMatchObject({
      defaultPort: PORT,
      urlSetting: `${CONSTANT}_URL`,
      databaseName: NAME,
      kind: 'agency',
      owners: ['NCB-DE'],
      gatewayPolicyPath: join(root, 'gateway', 'policies', `${NAME}.json`),
    });
    expect((JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces).toContain(`subgraphs/${NAME}`);
    expect((JSON.parse(read('tsconfig.json')) as { references: { path: string }[] }).references).toContainEqual({
      path: `subgraphs/${NAME}`,
    });
    expect((JSON.parse(read('tsconfig.test.json')) as { references: { path: string }[] }).references).toContainEqual({
      path: `subgraphs/${NAME}`,
    });
    expect((JSON.parse(read('test/package.json')) as { dependencies: Record<string, string> }).dependencies[`@intel-gateway/${NAME}`]).toBe(
      '0.1.0',
    );
    const dockerfile = read('Dockerfile');
    expect(dockerfile.indexOf(`COPY subgraphs/${NAME}/package.json subgraphs/${NAME}/\n`)).toBeGreaterThan(0);
    expect(dockerfile.indexOf(`COPY subgraphs/${NAME}/package.json`)).toBeLessThan(dockerfile.indexOf('RUN npm ci'));
    // What `npm run compose` writes: the supergraph with the new subgraph, and docker-compose.yml.
    const supergraph = read('gateway/supergraph.graphql');
    expect(supergraph).toBe(composeProjectSupergraph(registry, root));
    expect(supergraph).toContain(`@join__graph(name: "${NAME}", url: "http://127.0.0.1:${PORT}/graphql")`);
    expect(read('docker-compose.yml')).toBe(renderDockerCompose(registry));
    const compose = parse(read('docker-compose.yml')) as {
      services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
    };
    expect(compose.services[NAME]?.environment).toMatchObject({ PORT: String(PORT), DATABASE_NAME: NAME });
    expect(compose.services.gateway?.environment?.[`${CONSTANT}_URL`]).toBe(`https://${NAME}:${PORT}/graphql`);
    // The gateway's policy takes the new subgraph's rules and leaves none of its fields without one.
    const policy = includeContributedPolicies(PROJECT_POLICY, registry, root);
    expect(policy.version).toBe(`${gatewayPolicy().version}+${NAME}.1`);
    const compiled = compileFieldPolicy(policy, apiSchemaOf(supergraph));
    expect(compiled.unruled.filter((coordinate) => coordinate.includes(PASCAL) || coordinate.includes(CAMEL))).toEqual([]);
    expect(compiled.ruleFor('Query', `${CAMEL}Record`)).toBeDefined();
    expect(compiled.recordTypes.get(`${PASCAL}Record`)).toBe('id');
  });

  it('lays it out like every other package: index.ts its public surface, main.ts the process, no import circles', () => {
    expect(findBoundaryProblems(root)).toEqual([]);
    expect(existsSync(join(root, 'subgraphs', NAME, 'src', 'main.ts'))).toBe(true);
    expect(read(`subgraphs/${NAME}/src/main.ts`)).toContain(`runSubgraph('${NAME}'`);
  });

  it('writes code that type-checks against the project, its cross-service test included', () => {
    writeFileSync(
      join(root, 'tsconfig.contributor-check.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: {
          noEmit: true,
          composite: false,
          incremental: false,
          declaration: false,
          declarationMap: false,
          paths: { [`@intel-gateway/${NAME}`]: [`./subgraphs/${NAME}/src/index.ts`] },
        },
        files: [`test/${CAMEL}Subgraph.test.ts`],
      }),
    );
    const tsc = spawnSync(
      process.execPath,
      [resolve(repositoryRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.contributor-check.json')],
      { encoding: 'utf8' },
    );
    expect({ status: tsc.status, output: tsc.stdout }).toEqual({ status: 0, output: '' });
  });

  it('refuses the same name a second time, writing nothing', () => {
    const before = fingerprint(root);
    expect(() => scaffoldSubgraph({ name: NAME, root, install: false })).toThrow(`"${NAME}" is already a registered subgraph`);
    expect(fingerprint(root)).toEqual(before);
  });
});

describe('npm run subgraph:check on a broken subgraph', () => {
  const schemaFile = `subgraphs/${NAME}/schema.graphql`;
  const policyFile = `gateway/policies/${NAME}.json`;

  /** Runs the check with one file changed, then puts the file back. */
  function checkWith(file: string, change: (source: string) => string) {
    const original = read(file);
    writeFileSync(join(root, file), change(original));
    try {
      return findSubgraphProblems(NAME, { root });
    } finally {
      writeFileSync(join(root, file), original);
    }
  }

  it('names a type that conflicts with another subgraph’s, the field and the line', () => {
    const schema = read(schemaFile);
    const line = schema.split('\n').length;
    const report = checkWith(schemaFile, (source) => `${source}type Vehicle @key(fields: "vin") {\n  vin: Int!\n}\n`);
    expect(report.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^does not compose: Type of field "Vehicle\\.vin" is incompatible across subgraphs: it has type "Int!" in subgraph "${NAME}" but type "String!" .*\\(FIELD_TYPE_MISMATCH: .+\\) at .*subgraphs/${NAME}/schema\\.graphql:${line + 1}`,
        ),
      ),
    ]);
    expect(report.skipped).toEqual(['gateway rules: the schema must compose first']);
  });

  it("refuses the operator kind for any subgraph but the operator's own, rather than skip its provenance check", () => {
    const registryFile = join('shared', 'subgraphRegistry.json');
    const report = checkWith(registryFile, (source) => {
      const registry = JSON.parse(source) as { subgraphs: { name: string }[] };
      return JSON.stringify({ subgraphs: registry.subgraphs.map((s) => (s.name === NAME ? { ...s, kind: 'operator' } : s)) });
    });
    expect(report.problems).toEqual([
      `registry: ${join(root, registryFile)}: subgraph "${NAME}" is registered with "kind": "operator", which only the gateway operator's own subgraph (accountability) may have`,
    ]);
    expect(report.passed.join('\n')).not.toContain('provenance: not required');
  });

  it('names a syntax error with its line, and checks nothing else', () => {
    const report = checkWith(schemaFile, (source) => source.replace('  title: String!\n', '  title: String!\n  weight Float\n'));
    const line = read(schemaFile).split('\n').indexOf('  title: String!') + 2;
    expect(report.problems).toEqual([`does not parse: Syntax Error: Expected ":", found Name "Float" at ${schemaFile}:${line}`]);
    expect(report.skipped).toEqual(['composition, provenance and gateway rules: the schema must parse first']);
  });

  it('names a shareable record type without its provenance block', () => {
    const report = checkWith(schemaFile, (source) => source.replace('  provenance: Provenance!\n', ''));
    expect(report.problems).toEqual([
      expect.stringContaining(
        `provenance: ${PASCAL}Record is a shareable record type (it has an "id" field) but carries no "provenance: Provenance!" block`,
      ),
    ]);
    expect(report.problems[0]).toMatch(/^provenance: /);
  });

  it('names a fact put on an entity keyed by a natural key, which carries no provenance', () => {
    const report = checkWith(schemaFile, (source) => `${source}type Vehicle @key(fields: "vin") {\n  vin: String!\n  colour: String\n}\n`);
    expect(report.problems).toEqual([
      expect.stringMatching(/^provenance: Vehicle\.colour \(String\) is a fact on Vehicle, an entity keyed by its natural key "vin"/),
      `gateway policy: ${policyFile}: Vehicle.colour has no rule; every field the ${NAME} schema adds needs one in this file`,
    ]);
  });

  it("names a fact put on another owner's record type, which would be shown under that owner's provenance", () => {
    const original = read(policyFile);
    const policy = JSON.parse(original) as { rules: Record<string, Record<string, unknown>> };
    writeFileSync(
      join(root, policyFile),
      JSON.stringify({ ...policy, rules: { ...policy.rules, NationalPerson: { [`${CAMEL}Flag`]: 'investigators' } } }),
    );
    try {
      const report = checkWith(
        schemaFile,
        (source) => `${source}type NationalPerson @key(fields: "id") {\n  id: ID!\n  ${CAMEL}Flag: Boolean\n}\n`,
      );
      expect(report.problems).toEqual([
        `gateway policy: ${policyFile}: NationalPerson.${CAMEL}Flag (Boolean) would show ${NAME}'s data under the provenance of another owner's NationalPerson record; make it a link to a record type of ${NAME}'s own that carries its provenance`,
      ]);
    } finally {
      writeFileSync(join(root, policyFile), original);
    }
  });

  it("names a link added to a shared entity without a rule of its own, rather than letting the project's rule for the whole type decide it", () => {
    const report = checkWith(
      schemaFile,
      (source) => `${source}type Vehicle @key(fields: "vin") {\n  vin: String!\n  ${CAMEL}Seizures: [${PASCAL}Record!]\n}\n`,
    );
    expect(report.problems).toEqual([
      `gateway policy: ${policyFile}: Vehicle.${CAMEL}Seizures has no rule; every field the ${NAME} schema adds needs one in this file`,
    ]);
  });

  it.each([
    [
      '@override',
      (source: string) =>
        source.replace('["@key", "@shareable"]', '["@key", "@shareable", "@override"]') +
        `type Notice @key(fields: "id") {\n  id: ID!\n  summary: String @override(from: "interpol")\n}\n`,
      ['link(import: @override)', 'override'],
    ],
    [
      '@requires and @external',
      (source: string) =>
        source.replace('["@key", "@shareable"]', '["@key", "@shareable", "@external", "@requires"]') +
        `type NationalPerson @key(fields: "id") {\n  id: ID!\n  dateOfBirth: String @external\n  riskScore: Int @requires(fields: "dateOfBirth")\n}\n`,
      ['external', 'link(import: @external)', 'link(import: @requires)', 'requires'],
    ],
    [
      '@federation__override without an import',
      (source: string) =>
        `${source}type Notice @key(fields: "id") {\n  id: ID!\n  summary: String @federation__override(from: "interpol")\n}\n`,
      ['override'],
    ],
    [
      'an import renamed to an allowed name',
      (source: string) => source.replace('["@key", "@shareable"]', '["@key", { name: "@override", as: "@shareable2" }]'),
      ['link(import: @override, renamed)'],
    ],
  ])("refuses %s: a contributed subgraph may not take over or be sent another owner's field", (_case, edit, directives) => {
    const report = checkWith(schemaFile, edit);
    const named = report.problems.filter((problem) => problem.includes(' uses @')).map((problem) => problem.match(/uses @(.+?); /)![1]);
    expect(named).toEqual(directives);
  });

  it('refuses "structural" on a root field or a record type, and "auditors" on a record type', () => {
    const report = checkWith(policyFile, (source) =>
      source
        .replace('"' + CAMEL + 'Record": "investigators"', '"' + CAMEL + 'Record": "structural"')
        .replace('"*": "investigators"', '"*": "auditors"'),
    );
    expect(report.problems).toEqual([
      `gateway policy: ${policyFile}: Query.${CAMEL}Record: "structural" lets any token through; it is for connections and value types, never for a root field or a record type's field`,
      `gateway policy: ${policyFile}: ${PASCAL}Record.*: auditors never see a record's content`,
    ]);
  });

  it('names a field without a gateway rule', () => {
    const report = checkWith(schemaFile, (source) =>
      source.replace('type Query {\n', `type Query {\n  ${CAMEL}RecordCount(owner: String!): Int!\n`),
    );
    expect(report.problems).toEqual([
      `gateway policy: ${policyFile}: Query.${CAMEL}RecordCount has no rule; every field the ${NAME} schema adds needs one in this file`,
    ]);
  });

  it("refuses a policy file that rules another subgraph's field or names an unknown rule", () => {
    const report = checkWith(policyFile, (source) => {
      const policy = JSON.parse(source) as { rules: Record<string, Record<string, unknown>> };
      return JSON.stringify({ ...policy, rules: { ...policy.rules, Notice: { subject: 'structural' } } });
    });
    expect(report.problems).toEqual([`gateway policy: ${policyFile}: Notice.subject is not a field the ${NAME} schema defines`]);
    const unknownRule = checkWith(policyFile, (source) => source.replace('"*": "investigators"', '"*": "everyone"'));
    expect(unknownRule.problems).toEqual([
      `gateway policy: ${policyFile}: rules.${PASCAL}Record.*: must name one of the gateway's rules (${Object.keys(NAMED_RULES).join(', ')}), or list two or more that must all allow`,
    ]);
    const combined = checkWith(policyFile, (source) =>
      source.replace('"*": "investigators"', '"*": ["nationalCaseStaff", "interpolChannel"]'),
    );
    expect(combined.problems).toEqual([]);
  });

  it('exits non-zero from the command line, one numbered message per problem', () => {
    const original = read(schemaFile);
    writeFileSync(
      join(root, schemaFile),
      original
        .replace('  provenance: Provenance!\n', '')
        .replace('type Query {\n', `type Query {\n  ${CAMEL}RecordCount(owner: String!): Int!\n`),
    );
    try {
      const checked = run(checkSubgraphCli, [NAME, '--root', root]);
      expect(checked.status).toBe(1);
      expect(checked.stdout).toMatch(
        new RegExp(
          `^subgraph:check ${NAME}: 2 problems\\n {2}1\\. provenance: ${PASCAL}Record .*\\n {2}2\\. gateway policy: ${policyFile}: Query\\.${CAMEL}RecordCount has no rule`,
        ),
      );
    } finally {
      writeFileSync(join(root, schemaFile), original);
    }
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from '@intel-gateway/shared/registry';
import {
  committedAgencySchemas,
  compareAgencySchemas,
  currentAgencySchemas,
  mintAgencyToken,
  supergraphPath,
  writeAgencySchemaFiles,
} from '@intel-gateway/tools';
import { startTestFederation, type TestFederation } from './harness';

const checkCommand = join(repositoryRoot, 'tools', 'dist', 'agencySchemas', 'checkAgencySchemas.js');
const runCheck = (...args: string[]) => spawnSync(process.execPath, [checkCommand, ...args], { cwd: repositoryRoot, encoding: 'utf8' });
/** The check as CI runs it (`CI=true`), or as a developer does (no CI in the environment). */
const runCheckIn = (where: 'ci' | 'local', ...args: string[]) => {
  const { CI: _ci, ...local } = process.env;
  const env = where === 'ci' ? { ...local, CI: 'true' } : local;
  return spawnSync(process.execPath, [checkCommand, ...args], { cwd: repositoryRoot, encoding: 'utf8', env });
};

let current: Map<string, string>;
beforeAll(async () => {
  current = await currentAgencySchemas(readFileSync(supergraphPath, 'utf8'));
});

describe('the committed agency schemas', () => {
  it('exist for every agency and role that may query anything, and nothing current breaks them', () => {
    const committed = committedAgencySchemas();
    expect([...committed.keys()].sort()).toEqual([...current.keys()].sort());
    expect(committed.has(join('NCB-FR', 'ANALYST.graphql'))).toBe(true);
    const breaking = compareAgencySchemas(committed, current).filter((change) => change.breaking.length > 0);
    expect(breaking).toEqual([]);
  });

  it('`npm run schema:check` passes on them', () => {
    const result = runCheck();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('BREAKING');
  });
});

describe('the schema change check', () => {
  const path = join('NCB-FR', 'ANALYST.graphql');
  const edit = (from: RegExp, to: string) => {
    const before = current.get(path)!;
    expect(before).toMatch(from);
    return new Map([...current, [path, before.replace(from, to)]]);
  };

  it('reports a field the dashboards used that is gone', () => {
    const committed = edit(/type TravelDocument \{\n/, 'type TravelDocument {\n  chipSerial: String\n');
    const [change] = compareAgencySchemas(committed, current);
    expect(change).toEqual({ path, breaking: ['FIELD_REMOVED: TravelDocument.chipSerial was removed.'], dangerous: [], exposed: [] });
  });

  it('reports a field whose type changed', () => {
    const committed = edit(/(type TravelDocument \{[^}]*\n {2}number: )String!/, '$1Int!');
    const [change] = compareAgencySchemas(committed, current);
    expect(change!.breaking).toEqual(['FIELD_CHANGED_KIND: TravelDocument.number changed type from Int! to String!.']);
  });

  it('reports a schema the agency lost entirely, and takes a new field or a new schema as compatible, listing what it newly exposes', () => {
    const lost = compareAgencySchemas(new Map([...current, [join('NCB-FR', 'RETIRED_ROLE.graphql'), current.get(path)!]]), current);
    expect(lost).toEqual([
      {
        path: join('NCB-FR', 'RETIRED_ROLE.graphql'),
        breaking: ['The agency with this role may no longer query anything.'],
        dangerous: [],
        exposed: [],
      },
    ]);
    const added = compareAgencySchemas(edit(/(type TravelDocument \{[^}]*)\n {2}number: String!\n/, '$1\n'), current);
    expect(added).toEqual([{ path, breaking: [], dangerous: [], exposed: ['TravelDocument.number'] }]);
    const withoutOne = new Map(current);
    withoutOne.delete(path);
    const [fresh] = compareAgencySchemas(withoutOne, current);
    expect(fresh).toMatchObject({ path, breaking: [], dangerous: [] });
    expect(fresh!.exposed).toContain('Query.travelDocument');
    expect(fresh!.exposed).toContain('TravelDocument.number');
  });

  it('exits 1 naming the agency, role and change when a committed schema is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agency-schemas-'));
    try {
      const committed = committedAgencySchemas();
      writeAgencySchemaFiles(
        new Map([
          ...committed,
          [path, committed.get(path)!.replace(/type TravelDocument \{\n/, 'type TravelDocument {\n  chipSerial: String\n')],
        ]),
        dir,
      );
      const result = runCheck('--dir', dir);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('NCB-FR/ANALYST: BREAKING');
      expect(result.stdout).toContain('breaking  FIELD_REMOVED: TravelDocument.chipSerial was removed.');
      expect(result.stdout).toContain('1 agency schema(s) have breaking changes');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a generated schema not written again after a compatible change', () => {
  const path = join('NCB-FR', 'ANALYST.graphql');
  let dir: string;
  beforeAll(() => {
    // The committed store as it was before TravelDocument.number was exposed: the current schemas only add to it.
    dir = mkdtempSync(join(tmpdir(), 'agency-schemas-'));
    const committed = committedAgencySchemas();
    writeAgencySchemaFiles(
      new Map([...committed, [path, committed.get(path)!.replace(/(type TravelDocument \{[^}]*)\n {2}number: String!\n/, '$1\n')]]),
      dir,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails the check in CI (CI=true), saying the schemas are stale and which command writes them', () => {
    const result = runCheckIn('ci', '--dir', dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('NCB-FR/ANALYST: compatible');
    expect(result.stdout).toContain('exposes   TravelDocument.number');
    expect(result.stdout).toContain('1 agency schema(s) are stale');
    expect(result.stdout).toContain('npm run schema:write');
  });

  it('only reminds, and passes, outside CI', () => {
    const result = runCheckIn('local', '--dir', dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No breaking change; 1 schema(s) changed compatibly: run `npm run schema:write` and commit them.');
  });
});

describe('GET /schema.graphql', () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await startTestFederation({ seedSize: 0 });
  }, 120_000);
  afterAll(async () => federation?.stop());

  it.each([
    ['NCB-FR', 'ANALYST'],
    ['EUROPOL', 'AP_ANALYST'],
    ['IPSG', 'FRONTLINE'],
  ] as const)('serves %s with role %s exactly the schema written for it', async (agency, role) => {
    const token = await mintAgencyToken({ identity: federation.identity, user: 'dashboard', agency, roles: [role], clearance: 'SECRET' });
    const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, '/schema.graphql'), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(`${await response.text()}\n`).toBe(current.get(join(agency, `${role}.graphql`)));
  });
});

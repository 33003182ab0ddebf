import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSubgraphRegistry, servesOwner } from './subgraphRegistry';

/** A registry file in a throwaway project root. */
function registryWith(subgraphs: unknown[]): string {
  const root = mkdtempSync(join(tmpdir(), 'registry-'));
  mkdirSync(join(root, 'shared'));
  writeFileSync(join(root, 'shared', 'subgraphRegistry.json'), JSON.stringify({ subgraphs }));
  return root;
}

const entry = (name: string, defaultPort: number, databaseName?: string) => ({
  name,
  defaultPort,
  description: name,
  ...(databaseName ? { databaseName } : {}),
});

describe('loadSubgraphRegistry', () => {
  it('reads the entries, with each database named after its subgraph unless set', () => {
    const root = registryWith([entry('interpol', 4001), entry('border-guard', 4005, 'border_guard')]);
    try {
      expect(loadSubgraphRegistry(root).map((s) => [s.name, s.urlSetting, s.databaseName])).toEqual([
        ['interpol', 'INTERPOL_URL', 'interpol'],
        ['border-guard', 'BORDER_GUARD_URL', 'border_guard'],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses a subgraph named %s, a property every object has',
    (name) => {
      const root = registryWith([entry('interpol', 4001), entry(name, 4005, 'customs')]);
      try {
        expect(() => loadSubgraphRegistry(root)).toThrow(/subgraphs\.1\.name: /);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );

  it.each([
    ['a name', [entry('customs', 4005), entry('customs', 4006)], /name customs is registered twice/],
    ['a port', [entry('customs', 4005), entry('excise', 4005)], /defaultPort 4005 is registered twice/],
    [
      "another subgraph's database",
      [entry('interpol', 4001), entry('customs', 4005, 'interpol')],
      /databaseName interpol is registered twice/,
    ],
  ])('refuses %s used twice', (_case, subgraphs, message) => {
    const root = registryWith(subgraphs);
    try {
      expect(() => loadSubgraphRegistry(root)).toThrow(message);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads whose records each subgraph serves: agency codes, or a prefix ending in *', () => {
    const root = registryWith([
      { ...entry('national', 4003), owners: ['NCB-*'] },
      { ...entry('customs', 4005), owners: ['CUSTOMS-NL'] },
      entry('excise', 4006),
    ]);
    try {
      const [national, customs, excise] = loadSubgraphRegistry(root);
      expect([national!.owners, customs!.owners, excise!.owners]).toEqual([['NCB-*'], ['CUSTOMS-NL'], []]);
      expect(
        ['NCB-DE', 'CUSTOMS-NL', 'EUROPOL'].map((owner) => [
          servesOwner(national!, owner),
          servesOwner(customs!, owner),
          servesOwner(excise!, owner),
        ]),
      ).toEqual([
        [true, false, false],
        [false, true, false],
        [false, false, false],
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    ['an owner that is no agency code', [{ ...entry('customs', 4005), owners: ['customs'] }], /owners\.0: must be an agency code/],
    ['a bare *', [{ ...entry('customs', 4005), owners: ['*'] }], /owners\.0: must be an agency code/],
    [
      "the operator kind on any subgraph but the operator's own",
      [{ ...entry('customs', 4005), kind: 'operator' }],
      /subgraph "customs" is registered with "kind": "operator", which only the gateway operator's own subgraph \(accountability\) may have/,
    ],
  ])('refuses %s', (_case, subgraphs, message) => {
    const root = registryWith(subgraphs);
    try {
      expect(() => loadSubgraphRegistry(root)).toThrow(message);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

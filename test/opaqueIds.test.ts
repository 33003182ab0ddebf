import { loadOpaqueIds } from '@intel-gateway/accountability';
import { scratchDatabases } from './auditFixtures';

/**
 * The accountability subgraph's opaque ids and cursors rest on one key, made once in the
 * audit store: replicas that start at once, or one started again, must all end up with the
 * same key, or every id and cursor handed out would change.
 */
const scratch = scratchDatabases('opaque_ids');
afterAll(() => scratch.dropAll());

it('replicas starting at once on an empty store share one key: the same ids, and each opens the cursors the others sealed', async () => {
  const connection = await scratch.open();
  const replicas = await Promise.all([loadOpaqueIds(connection), loadOpaqueIds(connection), loadOpaqueIds(connection)]);
  const later = await loadOpaqueIds(connection);
  const ids = [...replicas, later].map((opaque) => opaque.idOf('chain-a:7'));
  expect(new Set(ids).size).toBe(1);
  expect(ids[0]).not.toContain('chain-a');
  for (const sealer of [...replicas, later])
    for (const opener of [...replicas, later]) expect(opener.open(sealer.seal('chain-a:7'))).toBe('chain-a:7');
});

it("another store's key opens nothing, and a cursor altered in one character opens nothing", async () => {
  const [mine, theirs] = await Promise.all([scratch.open().then(loadOpaqueIds), scratch.open().then(loadOpaqueIds)]);
  const sealed = mine.seal('chain-a:7');
  expect(theirs.open(sealed)).toBeUndefined();
  expect(theirs.idOf('chain-a:7')).not.toBe(mine.idOf('chain-a:7'));
  const altered = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1);
  expect(mine.open(altered)).toBeUndefined();
});

import { subgraphRegistry } from '@intel-gateway/shared/registry';
import { STORY } from '@intel-gateway/tools';
import { startTestFederation, type TestFederation } from './harness';

/** A subgraph that goes down costs only its own fields: the gateway stays up and says which owner is missing. */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
  await federation.subgraphs.national.stop();
});
afterAll(() => federation.stop());

it('returns a partial result with an error naming the subgraph that is down', async () => {
  const { status, body } = await federation.query(
    `query Q($id: ID!) { notice(id: $id) { id type nationalRecords { id } europolEntries { id } } }`,
    { id: STORY.redNotice.id },
  );
  expect(status).toBe(200);
  expect(body.data.notice).toEqual({
    id: STORY.redNotice.id,
    type: 'RED',
    nationalRecords: null,
    europolEntries: [{ id: STORY.redNotice.europolEntryId }],
  });
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]).toMatchObject({
    message: 'Subgraph "national" is unavailable',
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'national' },
  });
  expect(JSON.stringify(body.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
});

it('keeps serving operations that do not need the missing subgraph', async () => {
  const { body } = await federation.query(`{ vehicle(vin: "${STORY.stolenVehicle.vin}") { smv { status } } }`);
  expect(body.errors).toBeUndefined();
  expect(body.data.vehicle.smv.status).toBe('STOLEN');
});

it('reports the missing subgraph on /readyz while /healthz stays up', async () => {
  const base = federation.gatewayUrl.replace(/\/graphql$/, '');
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(503);
  const report = (await ready.json()) as { status: string; subgraphs: { name: string; ready: boolean }[] };
  expect(report.status).toBe('not ready');
  expect(Object.fromEntries(report.subgraphs.map((s) => [s.name, s.ready]))).toEqual({
    ...Object.fromEntries(subgraphRegistry.map((s) => [s.name, true])),
    national: false,
  });
  // The report is public: no internal addresses, no connection errors.
  expect(JSON.stringify(report)).not.toMatch(/127\.0\.0\.1|http:|ECONNREFUSED/);
});

import mongoose from 'mongoose';
import { type AuditRecord, createAuditModels } from '@intel-gateway/shared/audit';
import type { CallerContext, Principal } from '@intel-gateway/shared/identity';
import type { OpaqueIds } from './loadOpaqueIds';
import { createAccountabilityRepositories } from './repositories';

/**
 * What the accountability repositories ask for and give back, without a database: models on
 * a connection that never opens, every query caught as it would be sent and answered with
 * fixed records. An agency auditor's filter keeps it to its scope whatever filter the client
 * sends, and never its own entries; another agency's entry comes back cut down to what
 * concerns the auditor's records; hits and release requests are always the caller's agency's.
 */
const models = createAuditModels(mongoose.createConnection());
const principal = (agency: string, user: string, roles: Principal['roles'], agencyKind: Principal['agencyKind'] = 'NCB') =>
  ({
    principal: {
      user,
      agency,
      agencyKind,
      agencyGroups: [],
      country: 'FR',
      roles,
      clearance: 'SECRET',
      purposes: ['CRIMINAL_INVESTIGATION'],
      projects: [],
    },
    purpose: 'CRIMINAL_INVESTIGATION',
  }) as CallerContext;
/** Handles and cursors that show what they stand for, so the tests can see which id each one names. */
const opaque: OpaqueIds = {
  idOf: (id) => `handle(${id})`,
  seal: (id) => `sealed(${id})`,
  open: (sealed) => /^sealed\((.+)\)$/.exec(sealed)?.[1],
};
const auditor = principal('NCB-FR', 'fr-auditor', ['AUDITOR']);
const supervisor = principal('OPERATOR', 'dpo', ['DATA_PROTECTION_SUPERVISOR'], 'OPERATOR');
/** No release request is made or decided here: nothing to seal. */
const NO_SEALING = { keys: [], onRequestWritten: () => {}, onDecisionWritten: () => {}, onGrantWritten: () => {} };

/** The queries sent while `run` ran (collection and filter), each answered with `answer`; and what `run` gave. */
async function sent<T>(run: () => Promise<T>, answer: unknown[] = []) {
  const queries: { collection: string; filter: unknown }[] = [];
  const exec = jest.spyOn(mongoose.Query.prototype, 'exec').mockImplementation(function (this: mongoose.Query<unknown, unknown>) {
    queries.push({ collection: this.model.collection.collectionName, filter: this.getFilter() });
    return Promise.resolve(answer);
  });
  try {
    return { queries, result: await run() };
  } finally {
    exec.mockRestore();
  }
}

const entry = (agency: string, fields: Partial<AuditRecord> = {}) =>
  ({
    _id: `chain:${agency}`,
    chainId: 'chain',
    seq: 7,
    agency,
    operationHash: 'a'.repeat(64),
    variablesHash: 'b'.repeat(64),
    outcome: 'partial',
    user: `${agency.toLowerCase()}-analyst`,
    operationName: 'CaseLinks',
    disclosures: [
      { owner: 'NCB-FR', type: 'CaseFile', id: 'FR-2026-000417' },
      { owner: 'NCB-GB', type: 'SltdRecord', id: 'SLTD-GB-1' },
    ],
    matches: [
      { owner: 'NCB-FR', type: 'NationalPerson', id: 'NP-1', reference: 'HIT-a' },
      { owner: 'IPSG', type: 'Notice', id: 'N-1', reference: 'HIT-b' },
    ],
    denials: [{ path: 'caseFile.persons', reason: 'PROTECTED_SUBJECT' }],
    ...fields,
  }) as unknown as AuditRecord;

describe('the audit trail', () => {
  it("keeps an agency's auditor to its own agency's entries and those touching its records, never its own, whatever the client filters by", async () => {
    const { queries } = await sent(() =>
      createAccountabilityRepositories(models, auditor, opaque, NO_SEALING).auditTrail.list(
        { agency: 'NCB-GB', user: 'fr-auditor', recordId: 'SLTD-GB-1' },
        { first: 10 },
      ),
    );
    expect(queries).toEqual([
      {
        collection: 'auditRecords',
        filter: {
          agency: 'NCB-GB',
          user: 'fr-auditor',
          $nor: [{ user: 'fr-auditor', agency: 'NCB-FR' }],
          // The record is looked for inside the scope: in another agency's entry, only as one of NCB-FR's records.
          $or: [{ agency: 'NCB-FR', 'disclosures.id': 'SLTD-GB-1' }, { disclosures: { $elemMatch: { id: 'SLTD-GB-1', owner: 'NCB-FR' } } }],
        },
      },
    ]);
  });

  it("lets the operator's supervisors read every agency's entries but their own, in a time range", async () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const { queries } = await sent(() =>
      createAccountabilityRepositories(models, supervisor, opaque, NO_SEALING).auditTrail.list({ from }, { first: 10 }),
    );
    expect(queries).toEqual([{ collection: 'auditRecords', filter: { at: { $gte: from }, $nor: [{ user: 'dpo', agency: 'OPERATOR' }] } }]);
  });

  it("gives an auditor its own agency's entries whole, and of another agency's only what concerns its records", async () => {
    const own = entry('NCB-FR');
    const other = entry('NCB-DE');
    const { result } = await sent(
      () => createAccountabilityRepositories(models, auditor, opaque, NO_SEALING).auditTrail.list({}, { first: 10 }),
      [own, other],
    );
    // Neither shows its place in the store; another agency's shows no name, hashes or outcome of its operation.
    expect(result.nodes).toEqual([
      { ...own, _id: 'handle(chain:NCB-FR)', chainId: null, seq: null },
      {
        ...other,
        _id: 'handle(chain:NCB-DE)',
        chainId: null,
        seq: null,
        operationName: null,
        operationHash: null,
        variablesHash: null,
        outcome: null,
        disclosures: [{ owner: 'NCB-FR', type: 'CaseFile', id: 'FR-2026-000417' }],
        matches: [{ owner: 'NCB-FR', type: 'NationalPerson', id: 'NP-1', reference: 'HIT-a' }],
        denials: [],
      },
    ]);
    // The supervisors read every entry whole.
    const { result: overseen } = await sent(
      () => createAccountabilityRepositories(models, supervisor, opaque, NO_SEALING).auditTrail.list({}, { first: 10 }),
      [own, other],
    );
    expect(overseen.nodes).toEqual([own, other]);
  });
});

describe('handles and cursors', () => {
  it("never show an agency's auditor an entry's place in the store: the cursor it gets is sealed, and only a sealed one continues a page", async () => {
    const repositories = createAccountabilityRepositories(models, auditor, opaque, NO_SEALING);
    const { queries, result } = await sent(
      () => repositories.auditTrail.list({}, { first: 1, afterId: 'sealed(chain:3)' }),
      [entry('NCB-FR', { _id: 'chain:4' }), entry('NCB-FR', { _id: 'chain:5' })],
    );
    expect(queries).toEqual([
      { collection: 'auditRecords', filter: { $and: [expect.objectContaining({ $nor: expect.any(Array) }), { _id: { $gt: 'chain:3' } }] } },
    ]);
    expect(result.nodes.map((n) => n._id)).toEqual(['handle(chain:4)']);
    expect(Buffer.from(result.pageInfo.endCursor!, 'base64url').toString()).toBe('c1:sealed(chain:4)');
    // A cursor naming a stored id in the clear is refused, before any query.
    const refused = await sent(() => repositories.auditTrail.list({}, { first: 1, afterId: 'chain:3' }).catch((e: Error) => e));
    expect(refused.result).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(refused.queries).toEqual([]);
  });

  it("show the operator's supervisors each entry's place in the store", async () => {
    const { result } = await sent(
      () => createAccountabilityRepositories(models, supervisor, opaque, NO_SEALING).auditTrail.list({}, { first: 1 }),
      [entry('NCB-FR', { _id: 'chain:4' })],
    );
    expect(result.nodes.map((n) => [n._id, n.chainId, n.seq])).toEqual([['chain:4', 'chain', 7]]);
    expect(Buffer.from(result.pageInfo.endCursor!, 'base64url').toString()).toBe('c1:chain:4');
  });

  it('give an owner each hit by its handle, and continue after a sealed cursor only', async () => {
    const repositories = createAccountabilityRepositories(models, principal('NCB-NL', 'nl-admin', ['OWNER_ADMIN']), opaque, NO_SEALING);
    const hit = { _id: 'chain:4:2', owner: 'NCB-NL', recordId: 'N-1', auditId: 'chain:4' };
    const { queries, result } = await sent(
      () => repositories.hits.listForOwner(undefined, undefined, { first: 5, afterId: 'sealed(chain:3:0)' }),
      [hit],
    );
    expect(queries).toEqual([{ collection: 'hits', filter: { $and: [{ owner: 'NCB-NL' }, { _id: { $gt: 'chain:3:0' } }] } }]);
    expect(result.nodes).toEqual([{ _id: 'handle(chain:4:2)', owner: 'NCB-NL', recordId: 'N-1' }]);
    expect(Buffer.from(result.pageInfo.endCursor!, 'base64url').toString()).toBe('c1:sealed(chain:4:2)');
    await expect(repositories.hits.listForOwner(undefined, undefined, { first: 5, afterId: 'chain:3:0' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('hits and release requests', () => {
  it("are always the caller's own agency's", async () => {
    const since = new Date('2026-05-01T00:00:00Z');
    const repositories = createAccountabilityRepositories(models, principal('NCB-NL', 'nl-admin', ['OWNER_ADMIN']), opaque, NO_SEALING);
    const { queries } = await sent(async () => {
      await repositories.hits.listForOwner('N-1', since, { first: 10 }, 'HIT-c');
      await repositories.hits.listForOwner(undefined, undefined, { first: 10 });
      await repositories.releaseRequests.listToOwner('PENDING', { first: 10 });
    });
    expect(queries).toEqual([
      { collection: 'hits', filter: { owner: 'NCB-NL', recordId: 'N-1', reference: 'HIT-c', at: { $gte: since } } },
      { collection: 'hits', filter: { owner: 'NCB-NL' } },
      { collection: 'releaseRequests', filter: { owner: 'NCB-NL', status: 'PENDING' } },
    ]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentId, loadTrustedDocuments } from './loadTrustedDocuments';

const BODY = 'query NoticeLookup($id: ID!) { notice(id: $id) { id } }';
const agencies = new Set(['NCB-DE', 'NCB-FR']);
const manifest = (operations: unknown[]) => JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations });
const entry = (body: string, id = documentId(body)) => ({ id, name: 'NoticeLookup', type: 'query', body });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'manifests-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadTrustedDocuments', () => {
  it('loads each agency manifest, resolves ids in that agency only and admits exact texts', () => {
    writeFileSync(join(dir, 'NCB-DE.json'), manifest([entry(BODY)]));
    writeFileSync(join(dir, 'README.md'), 'not a manifest');
    const trusted = loadTrustedDocuments(dir, agencies, true);
    expect(trusted.agencies).toEqual(['NCB-DE']);
    expect(trusted.body('NCB-DE', documentId(BODY))).toBe(BODY);
    expect(trusted.body('NCB-FR', documentId(BODY))).toBeUndefined();
    expect(trusted.restricts('NCB-DE')).toBe(true);
    expect(trusted.restricts('NCB-FR')).toBe(false);
    expect(trusted.admits('NCB-DE', BODY)).toBe(true);
    expect(trusted.admits('NCB-DE', `${BODY}\n`)).toBe(false);
    expect(trusted.admits('NCB-FR', '{ anything }')).toBe(true);
    expect(loadTrustedDocuments(dir, agencies, false).admits('NCB-DE', '{ anything }')).toBe(true);
  });

  it.each([
    [
      'an id that is not the hash of its body',
      'NCB-DE.json',
      manifest([entry(BODY, documentId('other'))]),
      /operation 0 \("NoticeLookup"\): id is not the SHA-256 of its body/,
    ],
    ['an agency not in the registry', 'NCB-XX.json', manifest([entry(BODY)]), /"NCB-XX" is not an agency in the registry/],
    ['a file that is not JSON', 'NCB-DE.json', '{ nope', /NCB-DE\.json could not be read/],
    ['another format', 'NCB-DE.json', JSON.stringify({ format: 'other', version: 1, operations: [] }), /NCB-DE\.json is invalid at format/],
    ['a body that is not GraphQL', 'NCB-DE.json', manifest([entry('query {')]), /body is not a GraphQL document/],
    ['an operation listed twice', 'NCB-DE.json', manifest([entry(BODY), entry(BODY)]), /operation 1 \("NoticeLookup"\): listed twice/],
    [
      'a body with two operations',
      'NCB-DE.json',
      manifest([entry(`${BODY}\nmutation Other { __typename }`)]),
      /operation 0 \("NoticeLookup"\): a trusted document holds exactly one named operation \(found 2\)/,
    ],
    [
      'an unnamed operation',
      'NCB-DE.json',
      manifest([entry('{ notice(id: "x") { id } }')]),
      /a trusted document holds exactly one named operation \(found 1, unnamed\)/,
    ],
    [
      'a body that is not the operation its entry names',
      'NCB-DE.json',
      manifest([{ ...entry('mutation NoticeLookup { __typename }'), type: 'query' }]),
      /its body holds mutation NoticeLookup, not the query NoticeLookup the entry names/,
    ],
  ])('refuses to start on %s, naming the file and the problem', (_case, file, text, message) => {
    writeFileSync(join(dir, file), text);
    expect(() => loadTrustedDocuments(dir, agencies, true)).toThrow(message);
  });

  it('refuses a directory that does not exist', () => {
    expect(() => loadTrustedDocuments(join(dir, 'missing'), agencies, true)).toThrow(/does not exist/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPasswordFrom } from './withPasswordFrom';

const dir = mkdtempSync(join(tmpdir(), 'password-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (content: string) => {
  const path = join(dir, `p${Math.random().toString(16).slice(2)}`);
  writeFileSync(path, content);
  return path;
};

it("puts the file's password, percent-encoded and without its trailing newline, into the URI's user", () => {
  expect(withPasswordFrom('mongodb://interpol@mongo:27017/?replicaSet=rs0&tls=true', file('p@ss:w/rd?\n'))).toBe(
    'mongodb://interpol:p%40ss%3Aw%2Frd%3F@mongo:27017/?replicaSet=rs0&tls=true',
  );
});

it('leaves the URI as it is without a file', () => {
  expect(withPasswordFrom('mongodb://mongo:27017/', undefined)).toBe('mongodb://mongo:27017/');
});

it('refuses a URI with no user, one that already has a password, and an empty file', () => {
  expect(() => withPasswordFrom('mongodb://mongo:27017/', file('x'))).toThrow('names no user');
  expect(() => withPasswordFrom('mongodb://a:b@mongo:27017/', file('x'))).toThrow('already holds a password');
  expect(() => withPasswordFrom('mongodb://a@mongo:27017/', file('\n'))).toThrow('is empty');
});

import { readFileSync } from 'node:fs';

/**
 * `uri` with the password of its user read from `passwordFile` (a compose secret), so the
 * password never appears in a URI setting, a compose file or a process's environment. The
 * URI must name its user and carry no password of its own; the file's content (trailing
 * newline trimmed) is percent-encoded into it. Without a file, `uri` is returned unchanged.
 */
export function withPasswordFrom(uri: string, passwordFile: string | undefined): string {
  if (passwordFile === undefined) return uri;
  const match = /^(mongodb(?:\+srv)?:\/\/)([^@/?]+)@/.exec(uri);
  if (!match) throw new Error('a database password file is set, but the database URI names no user (mongodb://<user>@host/…)');
  if (match[2]!.includes(':')) throw new Error('a database password file is set, but the database URI already holds a password');
  const password = readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  if (password.length === 0) throw new Error(`the database password file ${passwordFile} is empty`);
  return `${match[1]}${match[2]}:${encodeURIComponent(password)}@${uri.slice(match[0].length)}`;
}

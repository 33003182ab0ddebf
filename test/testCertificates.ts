import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestConfig } from './config';

/** A PEM certificate and its key, as files and as their contents. */
export interface TestCertificate {
  certPath: string;
  keyPath: string;
  cert: Buffer;
  key: Buffer;
}

/** A test's own PKI: a CA, a server certificate it signed (for 127.0.0.1), and a client certificate it signed. */
export interface TestPki {
  dir: string;
  caPath: string;
  ca: Buffer;
  server: TestCertificate;
  client: TestCertificate;
}

const openssl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });

/** A P-256 key and a certificate the CA in `dir` signs, with these extensions. */
function issue(
  dir: string,
  name: string,
  subject: string,
  extensions: string,
  ca = { cert: 'ca.crt', key: 'ca.key' },
  serial = 2,
): TestCertificate {
  openssl(dir, [
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${subject}`,
  ]);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-set_serial',
    String(serial),
    '-days',
    '1',
    '-out',
    `${name}.crt`,
    '-extfile',
    `${name}.ext`,
  ]);
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  return { certPath, keyPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

/**
 * Generates, with the `openssl` CLI, a fresh PKI in a new temporary directory: nothing is
 * committed, every run has its own keys. `name` prefixes the CA's subject, so two PKIs
 * made in one test are told apart.
 */
export function generateTestPki(name = 'test'): TestPki {
  const dir = mkdtempSync(join(loadTestConfig().TMPDIR, `${name}-pki-`));
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-subj',
    `/CN=${name}-ca`,
    '-days',
    '1',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const caPath = join(dir, 'ca.crt');
  return {
    dir,
    caPath,
    ca: readFileSync(caPath),
    server: issue(
      dir,
      'server',
      `${name}-subgraph`,
      'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
      undefined,
      2,
    ),
    client: issue(dir, 'client', `${name}-gateway`, 'extendedKeyUsage=clientAuth\n', undefined, 3),
  };
}

import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerTlsSettings } from './createGraphQLHttpServer';

/** The TLS material a client presents and trusts, PEM: the CA its servers' certificates chain to, and its own certificate and key (mutual TLS). */
export interface ClientTlsSettings {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** A TLS setting's name and the path it gives (unset: undefined). */
type Setting = readonly [name: string, path: string | undefined];

function readSetting(service: string, [name, path]: Setting): Buffer {
  try {
    return readFileSync(path!);
  } catch (error) {
    throw new Error(`${service}: ${name} (${path}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function certificate(service: string, setting: Setting): { pem: Buffer; parsed: X509Certificate } {
  const pem = readSetting(service, setting);
  try {
    return { pem, parsed: new X509Certificate(pem) };
  } catch {
    throw new Error(`${service}: ${setting[0]} (${setting[1]}) is not a PEM certificate`);
  }
}

function privateKey(service: string, setting: Setting): { pem: Buffer; parsed: KeyObject } {
  const pem = readSetting(service, setting);
  try {
    return { pem, parsed: createPrivateKey(pem) };
  } catch {
    throw new Error(`${service}: ${setting[0]} (${setting[1]}) is not a PEM private key`);
  }
}

/** A certificate and its key, both set or neither, and the key the certificate's own. */
function certificateAndKey(service: string, cert: Setting, key: Setting): { cert: Buffer; key: Buffer } | undefined {
  if (cert[1] === undefined && key[1] === undefined) return undefined;
  if (cert[1] === undefined || key[1] === undefined)
    throw new Error(`${service}: ${cert[0]} and ${key[0]} go together: set both or neither`);
  const certificatePem = certificate(service, cert);
  const keyPem = privateKey(service, key);
  if (!certificatePem.parsed.checkPrivateKey(keyPem.parsed))
    throw new Error(`${service}: ${key[0]} is not the key of the certificate in ${cert[0]}`);
  return { cert: certificatePem.pem, key: keyPem.pem };
}

/**
 * Reads and checks a server's TLS settings at start: certificate and key (both or
 * neither; files that exist, parse and belong together) and the optional client CA
 * (which requires the rest). Every problem is an error naming the setting. Without a
 * certificate and key it answers undefined: the server serves plain HTTP.
 */
export function loadServerTls(
  service: string,
  settings: { cert: Setting; key: Setting; clientCa: Setting },
): ServerTlsSettings | undefined {
  const pair = certificateAndKey(service, settings.cert, settings.key);
  if (!pair) {
    if (settings.clientCa[1] !== undefined)
      throw new Error(`${service}: ${settings.clientCa[0]} needs ${settings.cert[0]} and ${settings.key[0]} (mutual TLS runs over TLS)`);
    return undefined;
  }
  return settings.clientCa[1] === undefined ? pair : { ...pair, clientCa: certificate(service, settings.clientCa).pem };
}

/**
 * Reads and checks a client's TLS settings at start: the CA its servers' certificates must
 * chain to, and its own certificate and key for mutual TLS (both or neither). Every problem
 * is an error naming the setting; nothing set answers an empty object (the system's CAs).
 */
export function loadClientTls(service: string, settings: { ca: Setting; cert: Setting; key: Setting }): ClientTlsSettings {
  const pair = certificateAndKey(service, settings.cert, settings.key);
  return { ...(settings.ca[1] === undefined ? {} : { ca: certificate(service, settings.ca).pem }), ...pair };
}

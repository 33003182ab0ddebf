import { parseArgs } from 'node:util';
import { type Principal, ROLES } from '@intel-gateway/shared/identity';
import { PURPOSES } from '@intel-gateway/shared/records';
import { loadToolsConfig } from './config';
import { ensureDevIdentity } from './identity/devKeys';
import { mintAgencyToken } from './identity/mintAgencyToken';

/**
 * `npm run token -- --agency NCB-FR --role ANALYST [--role …] [--purpose …] [--project …]
 * [--user NAME] [--clearance LEVEL] [--ttl SECONDS]`: prints a development token signed
 * with the agency's local dev key (made on first use in DEV_KEYS_DIR).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      purpose: { type: 'string', multiple: true },
      project: { type: 'string', multiple: true },
      user: { type: 'string' },
      clearance: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  if (!values.agency) throw new Error('--agency is required, e.g. --agency NCB-FR');
  const roles = values.role ?? ['ANALYST'];
  for (const role of roles)
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`unknown role "${role}"; roles: ${ROLES.join(', ')}`);
  const purposes = values.purpose ?? [...PURPOSES];
  for (const purpose of purposes)
    if (!(PURPOSES as readonly string[]).includes(purpose))
      throw new Error(`unknown purpose "${purpose}"; purposes: ${PURPOSES.join(', ')}`);
  const ttl = Number(values.ttl ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new Error('--ttl must be 1 to 86400 seconds');

  const identity = await ensureDevIdentity(loadToolsConfig().DEV_KEYS_DIR);
  const token = await mintAgencyToken({
    identity,
    agency: values.agency,
    roles: roles as Principal['roles'],
    purposes: purposes as Principal['purposes'],
    projects: values.project ?? [],
    ...(values.user ? { user: values.user } : {}),
    ...(values.clearance ? { clearance: values.clearance as Principal['clearance'] } : {}),
    ttlSeconds: ttl,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

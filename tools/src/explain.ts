import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { apiSchemaOf, explainOperation, gatewayPolicy } from '@intel-gateway/gateway';
import { CLEARANCES, type Principal, ROLES } from '@intel-gateway/shared/identity';
import { toPolicySubject } from '@intel-gateway/shared/policy';
import { loadToolsConfig } from './config';
import { ensureDevIdentity } from './identity/devKeys';
import { supergraphPath } from './projectSupergraph';

/**
 * `npm run explain -- --agency EUROPOL --role ANALYST [--role …] [--clearance LEVEL]
 * (--query '<operation>' | --file op.graphql) [--operation NAME] [--json]`: the policy dry
 * run. Prints, for each field of the operation, whether the gateway's policy allows it for
 * that agency and those roles, denies it (and why), or decides it per record. Nothing is
 * fetched; the agency's kind comes from the agency registry (the dev registry here). The
 * reason for a denial is for the policy's authors: the gateway itself answers a denied
 * field as unknown (it is outside the caller's schema), naming no reason.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      clearance: { type: 'string', default: 'RESTRICTED' },
      query: { type: 'string' },
      file: { type: 'string' },
      operation: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (!values.agency) throw new Error('--agency is required, e.g. --agency EUROPOL');
  const roles = values.role ?? [];
  if (roles.length === 0) throw new Error(`--role is required (one or more of ${ROLES.join(', ')})`);
  for (const role of roles)
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`unknown role "${role}"; roles: ${ROLES.join(', ')}`);
  if (!(CLEARANCES as readonly string[]).includes(values.clearance))
    throw new Error(`unknown clearance "${values.clearance}"; clearances: ${CLEARANCES.join(', ')}`);
  const source = values.query ?? (values.file ? readFileSync(values.file, 'utf8') : undefined);
  if (!source) throw new Error('give the operation with --query or --file');

  const { registry } = await ensureDevIdentity(loadToolsConfig().DEV_KEYS_DIR);
  const agency = registry.agencies.find((a) => a.code === values.agency);
  if (!agency) throw new Error(`unknown agency "${values.agency}"; agencies: ${registry.agencies.map((a) => a.code).join(', ')}`);
  const subject = toPolicySubject({
    agency: agency.code,
    agencyKind: agency.kind,
    country: agency.country,
    roles: roles as Principal['roles'],
    clearance: values.clearance as Principal['clearance'],
  });

  const explanation = await explainOperation(
    gatewayPolicy(),
    apiSchemaOf(readFileSync(supergraphPath, 'utf8')),
    subject,
    source,
    values.operation,
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ subject, policyVersion: gatewayPolicy().version, ...explanation }, null, 2)}\n`);
  } else if (!explanation.ok) {
    console.log(`The operation is not valid against the API schema:\n  ${explanation.errors.join('\n  ')}`);
  } else {
    console.log(
      `${agency.code} (${agency.kind}), roles ${roles.join(', ')}, clearance ${subject.clearance}; policy ${gatewayPolicy().version}\n`,
    );
    const width = Math.max(...explanation.fields.map((f) => f.path.length), 4);
    for (const field of explanation.fields) {
      const outcome = field.outcome === 'denied' ? `denied (${field.reason})` : field.outcome;
      console.log(`  ${field.path.slice(1).padEnd(width)}  ${field.coordinate.padEnd(32)}  ${outcome}`);
    }
    if (explanation.fields.some((f) => f.outcome === 'denied')) {
      console.log(
        "\nA denied field is outside this caller's schema: the gateway refuses an operation naming it as invalid,\nexactly as if the field did not exist, before anything is fetched (the reason is shown here only).\nA field decided per record is answered, with FORBIDDEN at its path where the record denies it.",
      );
    }
  }
  if (!explanation.ok) process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

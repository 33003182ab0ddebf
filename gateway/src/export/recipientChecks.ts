import type { CallerContext, Principal, RegisteredAgency } from '@intel-gateway/shared/identity';
import { isReleasedTo, toPolicySubject } from '@intel-gateway/shared/policy';
import type { RecordHandlingEntry } from '../execution/handlingExtension';
import { createRecordRuleEvaluator } from '../policy/fieldPolicy';
import { type EnforcedDisclosure, RELEASED_BEYOND_PROVENANCE } from '../policy/recordChecks';
import { forbidsForwarding } from './stixBundle';

/**
 * A registered agency as the recipient of an export: its code, kind, country, groups,
 * highest clearance and the roles its users may hold (the most any of them could read),
 * with no user, purpose or project of its own (the exporting caller's purpose is the one
 * checked).
 */
export const recipientPrincipal = (agency: RegisteredAgency): Principal => ({
  user: '',
  agency: agency.code,
  agencyKind: agency.kind,
  agencyGroups: agency.groups,
  country: agency.country,
  roles: agency.roles,
  clearance: agency.maxClearance,
  purposes: [],
  projects: [],
});

/** A record an export may not take to its recipient, and what stops it (never which rule: the owner's restrictions are the owner's to read). */
export interface BlockedRecord {
  type: string;
  id: string;
  owner: string;
  stoppedBy: 'HANDLING' | 'RELEASE_RULES';
  code?: string;
  codes?: string[];
  tlp?: string;
}

/**
 * The records of an answer `caller` may not send to `recipient`, each once: content whose
 * handling forbids forwarding (H2, TLP:AMBER+STRICT, TLP:RED, a marking not known), and
 * every other owner's record its owner's rules would not release to the recipient under
 * the exporting caller's purpose: the release rules on its provenance, the data-subject
 * rules of a person-like record (decided for the roles the recipient's users may hold, in
 * no project), and, failing closed, every other owner's record of a type released on more
 * than its provenance (a notice's publication state, project participation), which the
 * gateway cannot decide for another agency (its owner may forward it, or be asked to). A
 * release on request to the caller does not carry over.
 */
export async function recordsNotForwardable(
  handling: readonly RecordHandlingEntry[],
  disclosed: readonly EnforcedDisclosure[],
  recipient: Principal,
  caller: CallerContext,
): Promise<BlockedRecord[]> {
  const blocked = new Map<string, BlockedRecord>();
  for (const { type, id, owner, code, codes, tlp } of handling.filter(forbidsForwarding))
    blocked.set(`${type}:${id}`, { type, id, owner, stoppedBy: 'HANDLING', code, codes, tlp });
  const recipientContext = { principal: recipient, purpose: caller.purpose };
  const evaluate = createRecordRuleEvaluator({ ...toPolicySubject(recipient), projects: [] });
  for (const {
    type,
    id,
    owner,
    handling: { facts },
    subjectRules = [],
  } of disclosed) {
    if (owner === recipient.agency || blocked.has(`${type}:${id}`)) continue;
    const released =
      (owner === caller.principal.agency || !RELEASED_BEYOND_PROVENANCE.has(type)) &&
      facts !== null &&
      isReleasedTo({ id, provenance: facts }, recipientContext) &&
      (await Promise.all(subjectRules.map(({ rule, record }) => evaluate(rule, record)))).every((reason) => reason === null);
    if (!released) blocked.set(`${type}:${id}`, { type, id, owner, stoppedBy: 'RELEASE_RULES' });
  }
  return [...blocked.values()];
}

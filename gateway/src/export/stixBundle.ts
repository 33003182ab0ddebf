import { createHash, randomUUID } from 'node:crypto';
import type { RecordHandlingEntry } from '../execution/handlingExtension';

/**
 * STIX 2.1 export of what a caller was shown: one custom `x-intel-record` object per record
 * in an operation's answer, marked with the TLP 2.0 marking definition of its strictest TLP,
 * a statement marking for every handling code it carries (and their conditions), and granular markings on
 * the fields that carry restrictions of their own.
 */

/** The TLP 2.0 marking definitions (OASIS CTI, extension-definition--60a3c5c5-…): fixed ids every STIX consumer knows. */
const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP_MARKINGS: Record<string, { id: string; name: string; value: string }> = {
  CLEAR: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR', value: 'clear' },
  GREEN: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN', value: 'green' },
  AMBER: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER', value: 'amber' },
  AMBER_STRICT: { id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', name: 'TLP:AMBER+STRICT', value: 'amber+strict' },
  RED: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED', value: 'red' },
};
const TLP_CREATED = '2022-10-01T00:00:00.000Z';

/** What each handling code tells a recipient. */
const HANDLING_STATEMENTS: Record<string, string> = {
  H0: 'H0: no restriction beyond the TLP.',
  H1: "H1: not to be used as evidence in judicial proceedings without the owner's consent.",
  H2: "H2: not to be disseminated further without the owner's permission.",
  H3: 'H3: other restrictions apply; see the conditions.',
};

/** The namespace STIX 2.1 recommends for deterministic (UUIDv5) identifiers. */
const STIX_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

/** RFC 4122 UUIDv5: the same name always gives the same STIX id. */
function uuidv5(name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(STIX_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(name)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** TLPs under which content may go to another agency. */
const FORWARDABLE_TLPS: ReadonlySet<string> = new Set(['CLEAR', 'GREEN', 'AMBER']);

/**
 * Content that may not go to another agency: any of its handling codes H2, or a TLP of
 * AMBER+STRICT or RED. A marking the gateway does not know (or could not read) stops it too.
 */
export function forbidsForwarding(entry: Pick<RecordHandlingEntry, 'codes' | 'tlp'>): boolean {
  return (
    entry.codes.length === 0 ||
    entry.codes.some((code) => code === 'H2' || !(code in HANDLING_STATEMENTS)) ||
    !FORWARDABLE_TLPS.has(entry.tlp)
  );
}

/** STIX properties of a custom object: `x_` plus the field name; values without nulls (STIX forbids them). */
function stixProperties(record: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((v) => v !== null).map(clean);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== null)
          .map(([k, v]) => [k, clean(v)]),
      );
    return value;
  };
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [`x_${k}`, clean(v)]),
  );
}

/** Field paths present in a record, as dotted STIX selectors (`x_provenance.restrictions`). */
function selectorsOf(properties: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(properties).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? [path, ...selectorsOf(value as Record<string, unknown>, `${path}.`)]
      : [path];
  });
}

export interface StixExportInput {
  data: Record<string, unknown>;
  handling: readonly RecordHandlingEntry[];
  /** Whether `Type.field` carries a restriction of its own (a record rule), for granular markings. */
  isRestrictedField: (typeName: string, fieldPath: string) => boolean;
  now?: Date;
}

/** Builds the bundle. Records appear as the caller saw them; nothing is fetched again. */
export function buildStixBundle({ data, handling, isRestrictedField, now = new Date() }: StixExportInput): Record<string, unknown> {
  const created = now.toISOString();
  const objects = new Map<string, Record<string, unknown>>();
  const add = (object: Record<string, unknown>) => objects.set(object.id as string, object);
  const restrictedMarking = `marking-definition--${uuidv5('intel-gateway restricted field')}`;

  for (const entry of handling) {
    const record = entry.path.reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined),
      data,
    );
    if (!record || typeof record !== 'object') continue;
    const tlp = TLP_MARKINGS[entry.tlp];
    if (tlp)
      add({
        type: 'marking-definition',
        spec_version: '2.1',
        id: tlp.id,
        created: TLP_CREATED,
        name: tlp.name,
        extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp.value } },
      });
    const statement = `${entry.codes.map((code) => HANDLING_STATEMENTS[code] ?? code).join(' ')}${entry.conditions ? ` Conditions: ${entry.conditions}` : ''}`;
    const handlingMarking = `marking-definition--${uuidv5(`intel-gateway handling ${statement}`)}`;
    add({
      type: 'marking-definition',
      spec_version: '2.1',
      id: handlingMarking,
      created,
      definition_type: 'statement',
      definition: { statement },
    });
    const owner = `identity--${uuidv5(`intel-gateway agency ${entry.owner}`)}`;
    add({
      type: 'identity',
      spec_version: '2.1',
      id: owner,
      created,
      modified: created,
      name: entry.owner,
      identity_class: 'organization',
    });

    const properties = stixProperties(record as Record<string, unknown>);
    const restricted = selectorsOf(properties).filter((selector) => isRestrictedField(entry.type, selector.replace(/^x_/, '')));
    add({
      type: 'x-intel-record',
      spec_version: '2.1',
      id: `x-intel-record--${uuidv5(`intel-gateway record ${entry.type}/${entry.id}`)}`,
      created,
      modified: created,
      created_by_ref: owner,
      x_record_type: entry.type,
      x_record_id: entry.id,
      x_evidential_use: entry.evidentialUse,
      ...properties,
      object_marking_refs: [...(tlp ? [tlp.id] : []), handlingMarking],
      ...(restricted.length > 0 ? { granular_markings: [{ marking_ref: restrictedMarking, selectors: restricted }] } : {}),
    });
    if (restricted.length > 0) {
      add({
        type: 'marking-definition',
        spec_version: '2.1',
        id: restrictedMarking,
        created,
        definition_type: 'statement',
        definition: {
          statement:
            'Restricted field: released to the recipient under a rule of its own (owner-only, or protected data subject); do not pass it on.',
        },
      });
    }
  }
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [...objects.values()] };
}

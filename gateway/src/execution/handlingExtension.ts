import type { RecordHandling } from '../policy/recordHandling';

/** One record's entry in `extensions.handling`. */
export interface RecordHandlingEntry {
  type: string;
  id: string;
  owner: string;
  /** Where the record first appears in `data`. */
  path: (string | number)[];
  /** The strictest of `codes`. */
  code: string;
  /** Every handling code the record carries (provenance, and fields of its own such as a contribution's `handlingCode`), strictest first. */
  codes: string[];
  /** The strictest TLP the record carries. */
  tlp: string;
  conditions: string | null;
  evidentialUse: boolean;
  /** Present when the owner released the record to the caller's agency on request: the conditions it set. */
  releaseConditions?: string | null;
}

/**
 * One record's handling as it travels with the data, in `extensions.handling`: every
 * handling code it carries (the strictest as `code`), their conditions and its strictest
 * TLP, whatever fields the operation asked for. Content carrying H1 is flagged as not for
 * evidential use; H3 carries its conditions. `releaseConditions`: the owner's conditions on
 * its release to the caller's agency on request, when it was released so (undefined when not).
 */
export function handlingEntry(
  { type, id, owner, handling, path }: { type: string; id: string; owner: string; handling: RecordHandling; path: (string | number)[] },
  releaseConditions: string | null | undefined,
): RecordHandlingEntry {
  return {
    type,
    id,
    owner,
    path,
    code: handling.code,
    codes: handling.codes,
    tlp: handling.tlp,
    conditions: handling.conditions,
    evidentialUse: !handling.codes.includes('H1'),
    ...(releaseConditions !== undefined ? { releaseConditions } : {}),
  };
}

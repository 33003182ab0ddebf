import type { ReleaseFacts } from '@intel-gateway/shared/policy';
import type { MarkingType } from './operationPlan';

/** How a disclosed record must be handled: its handling code and conditions, and its TLP. */
export interface RecordHandling {
  /** The strictest of `codes`. */
  code: string;
  /** Every handling code the record carries (its provenance's, and any of its own such as a contribution's `handlingCode`), strictest first. */
  codes: string[];
  /** The conditions of every handling block it carries, joined. */
  conditions: string | null;
  /** The strictest TLP it carries. */
  tlp: string;
  /** What the gateway checks the record's release against again; null if the subgraph sent none. */
  facts: ReleaseFacts | null;
}

/** Handling codes and TLPs, least strict first. A value outside these lists ranks above all of them. */
const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'];
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];
const strictness = (scale: readonly string[], value: string) => (scale.includes(value) ? scale.indexOf(value) : scale.length);
const strictestFirst = (scale: readonly string[]) => (a: string, b: string) => strictness(scale, b) - strictness(scale, a);

/**
 * A record's handling from every marking it carries: its provenance's handling and TLP and
 * any field of its own typed as a handling code, a handling block or a TLP. Each is read,
 * and the strictest decides; a marking that is missing counts as unknown, which ranks
 * strictest of all.
 */
export function recordHandling(
  provenance: Partial<ReleaseFacts> & { tlp?: unknown; handling?: { code?: unknown; conditions?: unknown } | null },
  markings: readonly { type: MarkingType; value: unknown }[],
): RecordHandling {
  const codes = new Set<string>([String(provenance.handling?.code ?? '')]);
  const tlps = new Set<string>([String(provenance.tlp ?? '')]);
  const conditions: string[] = typeof provenance.handling?.conditions === 'string' ? [provenance.handling.conditions] : [];
  for (const { type, value } of markings) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (type === 'HandlingCode') codes.add(String(item ?? ''));
      else if (type === 'Tlp') tlps.add(String(item ?? ''));
      else {
        const block = (item ?? {}) as { code?: unknown; conditions?: unknown };
        codes.add(String(block.code ?? ''));
        if (typeof block.conditions === 'string' && !conditions.includes(block.conditions)) conditions.push(block.conditions);
      }
    }
  }
  const sortedCodes = [...codes].sort(strictestFirst(HANDLING_CODES));
  return {
    code: sortedCodes[0]!,
    codes: sortedCodes,
    conditions: conditions.length > 0 ? conditions.join('; ') : null,
    tlp: [...tlps].sort(strictestFirst(TLPS))[0]!,
    facts:
      typeof provenance.owner === 'string' &&
      provenance.restrictions &&
      provenance.purposes &&
      provenance.retainUntil &&
      typeof provenance.classification === 'string'
        ? (provenance as ReleaseFacts)
        : null,
  };
}

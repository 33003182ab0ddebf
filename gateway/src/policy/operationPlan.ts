import type { DocumentNode, FieldNode } from 'graphql';
import type { DenialReason, ShieldRule } from '@intel-gateway/shared/policy';

/** Response keys the gateway adds to an operation for its own use start with this; clients may not use it. */
export const RESERVED_ALIAS_PREFIX = '_policy_';
/** The alias under which the gateway asks for `__typename` where it needs a runtime type, or where every field was removed. */
export const TYPENAME_ALIAS = `${RESERVED_ALIAS_PREFIX}typename`;

/**
 * Aliases under which the gateway asks for each record's identity and provenance (owner,
 * handling, TLP): for the disclosure audit, and for the handling that travels with it.
 */
export const RECORD_ID_ALIAS = `${RESERVED_ALIAS_PREFIX}record_id`;
export const RECORD_PROVENANCE_ALIAS = `${RESERVED_ALIAS_PREFIX}record_provenance`;
/** Prefix of the aliases under which the gateway reads a record's own handling markings besides its provenance (a contribution's `handlingCode`). */
export const RECORD_MARKING_ALIAS_PREFIX = `${RESERVED_ALIAS_PREFIX}record_marking_`;
/** The types that mark how a record must be handled: a handling code, a handling block (code and conditions), a TLP. */
export type MarkingType = 'HandlingCode' | 'Handling' | 'Tlp';
/** The alias under which the gateway asks a search candidate for the owner's record it stands for. */
export const CANDIDATE_ALIAS = `${RESERVED_ALIAS_PREFIX}candidate`;

/** Where a record selection set's identity and provenance come back, and which of its fields it discloses. */
export interface RecordPlan {
  idKey: string;
  /** Response key of `provenance { owner tlp handling { code conditions } }`. */
  provenanceKey: string;
  /** Field paths selected on the record itself, through value types (`subject.name.familyName`), not into other records. */
  fields: string[];
  /** The record's handling markings outside its provenance, each with the response key it comes back under. */
  markings: { responseKey: string; type: MarkingType }[];
  /**
   * For a person-like record: the rule saying whether the caller may identify it at all; the
   * gateway re-checks it on every such record a subgraph returned (its fields are in `recordFields`).
   */
  subjectRule?: ShieldRule;
}

/** What the result walk must do at one selection set; see `enforceOnResult.ts`. */
export interface SelectionPlan {
  /** The static type of the objects this selection set applies to. */
  typeName: string;
  entries: PlanEntry[];
  /** Reserved aliases the gateway added to this selection set, in the order added. */
  injected: string[];
  /** For record rules here: each field they need, and the response key it comes back under. */
  recordFields: [field: string, responseKey: string][];
  /** Set when this selection set reads a record (a type with provenance). */
  record?: RecordPlan;
}

export type PlanEntry =
  /** Removed before planning: report it at each path where the parent object exists. */
  | { kind: 'denied'; responseKey: string; coordinate: string; reason: DenialReason; field: FieldNode }
  /** Decided on the fetched parent object; `children` continue below it when allowed. */
  | { kind: 'record'; responseKey: string; fieldName: string; coordinate: string; rule: ShieldRule; children: SelectionPlan | null }
  /** Nothing to decide here, but something below. */
  | { kind: 'field'; responseKey: string; fieldName: string; children: SelectionPlan }
  /** A fragment's selections, applied when the object's type matches its condition. */
  | { kind: 'fragment'; typeCondition: string | null; plan: SelectionPlan };

/** How one field of an operation was decided, for explain and for the decision log. */
export interface FieldDecision {
  /** Response path through aliases, with `[]` marking list positions left open. */
  path: string;
  coordinate: string;
  outcome: 'allowed' | 'denied' | 'decided per record';
  reason?: DenialReason;
}

/** Everything the gateway needs to run an operation under the policy, decided once per (subject, operation). */
export interface OperationDecision {
  /** The operation to plan: the original when nothing changed. */
  document: DocumentNode;
  /** Query-plan cache key of `document`. */
  queryHash: string;
  /** Work for the result walk, or null when the result goes out as the gateway produced it. */
  plan: SelectionPlan | null;
  /** `only` when the operation reads nothing but introspection; `mixed` is refused. */
  introspection: 'none' | 'only' | 'mixed';
  fields: FieldDecision[];
}

import type { Filter } from 'scim2-parse-filter'

export type { Filter }

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const MAX_OPERATIONS = 1000

export type PatchOp = 'add' | 'replace' | 'remove'

/**
 * A parsed PATCH path, in canonical case.
 * `emails[type eq "work"].value` → `{ attribute: 'emails', filter, subAttribute: 'value' }`;
 * extension attributes keep their URN: `{ attribute: 'urn:…:enterprise:2.0:User:manager', subAttribute: 'value' }`;
 * the extension URN alone targets the whole extension object.
 */
export interface ParsedPath {
  attribute: string
  /** Tests one element of a multi-valued attribute; its attrPaths are sub-attribute names. */
  filter?: Filter
  subAttribute?: string
}

/**
 * One normalized operation. After `normalizePatch` every operation has a path, and values are
 * canonical (keys in canonical case, booleans as booleans, nulls gone, a manager as `{ value }`).
 * A `replace` without `value` unassigns its target (a replace with null, RFC 7643 §2.5, or a manager
 * given as "" or `{ value: "" }` by any op): unlike `remove`, it is not an error when a filter matches nothing. A `remove` keeps a `value` only for a
 * multi-valued attribute without filter: the entries to remove (Entra's member removal).
 */
export interface PatchOperation {
  op: PatchOp
  path?: ParsedPath
  value?: unknown
}

import { invalidPath, invalidValue } from '../errors.js'
import { isPlainObject } from '../schema/index.js'
import { assertSameId, normalizeOperation } from './normalize.js'
import type { Filter, PatchOperation } from './types.js'

/** A group PATCH as ordered changes for SQL: membership is rows, never a read-modify-write of a list. */
export type GroupPatchStep =
  | { kind: 'rename'; displayName: string }
  | { kind: 'externalId'; value: string | null }
  | { kind: 'addMembers'; ids: string[] }
  | { kind: 'removeMembers'; ids: string[] }
  | { kind: 'replaceMembers'; ids: string[] }
  | { kind: 'removeAllMembers' }

/**
 * Turns Group PATCH operations into steps, in order. `groupId` is the group's own id, which Okta repeats
 * in a path-less rename. Removing ids that are not members is not an error (SQL deletes nothing).
 */
export function planGroupPatch(ops: readonly PatchOperation[], groupId: string): GroupPatchStep[] {
  const steps: GroupPatchStep[] = []
  for (const operation of ops) {
    for (const op of normalizeOperation('Group', operation)) {
      const step = planStep(op, groupId)
      const last = steps.at(-1)
      // Adds (or removals) in a row are one add: a provider sending one operation per member
      // costs one statement for them all, not one per operation.
      if (step && last && (step.kind === 'addMembers' || step.kind === 'removeMembers') && last.kind === step.kind) {
        steps[steps.length - 1] = { kind: step.kind, ids: [...last.ids, ...step.ids] }
      } else if (step) steps.push(step)
    }
  }
  return steps
}

function planStep(op: PatchOperation, groupId: string): GroupPatchStep | undefined {
  switch (op.path!.attribute) {
    case 'id':
      assertSameId(op.value, groupId)
      return undefined
    case 'displayName':
      if (typeof op.value !== 'string' || op.value.trim() === '') throw invalidValue('displayName is required and cannot be empty.')
      return { kind: 'rename', displayName: op.value }
    case 'externalId':
      return { kind: 'externalId', value: typeof op.value === 'string' ? op.value : null }
    case 'members':
      return planMembers(op)
  }
  return undefined
}

function planMembers({ op, path, value }: PatchOperation): GroupPatchStep | undefined {
  // The sub-attributes are immutable or readOnly: normalizeOperation has refused those paths.
  if (path!.subAttribute) throw invalidPath('members sub-attributes cannot be changed.')
  if (path!.filter) {
    if (value !== undefined) throw invalidPath('A members filter can only remove members.')
    return { kind: 'removeMembers', ids: idsInFilter(path!.filter) }
  }
  if (value === undefined) return op === 'add' ? undefined : { kind: 'removeAllMembers' }
  const ids = memberIds(value)
  if (op === 'replace') return ids.length > 0 ? { kind: 'replaceMembers', ids } : { kind: 'removeAllMembers' }
  if (ids.length === 0) return undefined
  return op === 'add' ? { kind: 'addMembers', ids } : { kind: 'removeMembers', ids }
}

/** The user ids of a `members` value, as PATCH, POST and PUT send it. Groups cannot be members. */
export function memberIds(value: unknown): string[] {
  const entries = Array.isArray(value) ? value : [value]
  const ids = entries.map((entry) => {
    const id = isPlainObject(entry) ? entry.value : undefined
    if (typeof id !== 'string' || id.trim() === '') throw invalidValue('Each member needs a value: the id of a User.')
    const type = isPlainObject(entry) ? entry.type : undefined
    if (typeof type === 'string' && type.toLowerCase() !== 'user') throw invalidValue('Only users can be members of a group.')
    // Ids are uuids, which GET accepts in any case: compare them as PostgreSQL prints them.
    return id.trim().toLowerCase()
  })
  return [...new Set(ids)]
}

/** `members[value eq "a"]`, or several joined by `or`: the only member filters that name rows. */
function idsInFilter(filter: Filter): string[] {
  if (filter.op === 'eq' && filter.attrPath.toLowerCase() === 'value' && typeof filter.compValue === 'string' && filter.compValue.trim()) {
    return [filter.compValue.trim().toLowerCase()]
  }
  if (filter.op === 'or') return [...new Set(filter.filters.flatMap(idsInFilter))]
  // A member's display and type are the user's, not the row's: only ids name rows a single statement can remove.
  throw invalidPath(
    `A members filter with ${unsupportedPart(filter)} is not supported: name members by id, as members[value eq "<id>"] ` +
      'or several joined by or, or remove them with path members and a value of [{"value": "<id>"}].',
  )
}

function unsupportedPart(filter: Filter): string {
  if (!('attrPath' in filter) || typeof filter.attrPath !== 'string') return `"${filter.op}"`
  if (filter.op === 'eq' && filter.attrPath.toLowerCase() === 'value') return 'an empty or non-string value'
  return `"${filter.attrPath} ${filter.op}"`
}

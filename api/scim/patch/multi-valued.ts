import { noTarget } from '../errors.js'
import { findAttribute, isPlainObject, type JsonObject, type SchemaAttribute } from '../schema/index.js'
import type { PatchOperation } from './types.js'
import { filterEqualities, matchesValueFilter } from './value-filter.js'

type Entry = JsonObject

function sameValue(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return caseExact ? a === b : a.toLowerCase() === b.toLowerCase()
  return a === b
}

const caseExactOf = (attribute: SchemaAttribute, name: string) => findAttribute(attribute.subAttributes, name)?.caseExact ?? false

/** Whether `entry` has every sub-attribute value `probe` has; an empty probe matches nothing. */
function contains(entry: Entry, probe: Entry, attribute: SchemaAttribute): boolean {
  const keys = Object.keys(probe)
  return keys.length > 0 && keys.every((k) => sameValue(entry[k], probe[k], caseExactOf(attribute, k)))
}

const isValue = (sub: string) => sub.toLowerCase() === 'value'

const without = (entry: Entry, key: string): Entry => {
  const { [key]: _removed, ...rest } = entry
  return rest
}

/**
 * Appends, unless the same entry is there already (RFC 7644 §3.5.2.1: adding what is there changes
 * nothing): same value, and same type or one of them without a type. That one takes the new
 * sub-attributes. One value under two types is two entries: Entra maps the work and the mobile
 * number to one `phoneNumbers` each, and they are often the same number.
 */
function addEntry(list: Entry[], entry: Entry, attribute: SchemaAttribute, touched: Set<Entry>) {
  const sameType = (e: Entry) => e.type === undefined || entry.type === undefined || sameValue(e.type, entry.type, false)
  const existing =
    entry.value !== undefined
      ? list.find((e) => sameValue(e.value, entry.value, caseExactOf(attribute, 'value')) && sameType(e))
      : list.find((e) => Object.keys(e).length === Object.keys(entry).length && contains(e, entry, attribute))
  if (existing) Object.assign(existing, entry)
  else list.push(entry)
  touched.add(existing ?? entry)
}

/** RFC 7643 §2.4: `primary: true` at most once; the entry this operation wrote wins. */
function keepOnePrimary(list: Entry[], touched: Set<Entry>) {
  const primaries = list.filter((e) => e.primary === true)
  if (primaries.length < 2) return
  const winner = [...primaries].reverse().find((e) => touched.has(e)) ?? primaries[primaries.length - 1]
  for (const entry of primaries) if (entry !== winner) entry.primary = false
}

function patchFiltered(list: Entry[], attribute: SchemaAttribute, operation: PatchOperation, touched: Set<Entry>): Entry[] {
  const { op, value } = operation
  const { filter, subAttribute: sub } = operation.path!
  const matched = new Set(list.filter((e) => matchesValueFilter(filter!, e, attribute)))
  if (value === undefined) {
    // Removing what is not there is done, as for a single-valued attribute: a provider clears
    // attributes this server may never have had, and repeats a PATCH after a timeout.
    if (matched.size === 0) return list
    // An entry without its value (RFC 7643 §2.4: the significant sub-attribute) is no entry at all.
    if (!sub || isValue(sub)) return list.filter((e) => !matched.has(e))
    return list.map((e) => (matched.has(e) ? without(e, sub) : e))
  }
  const described = filterEqualities(filter!, attribute)
  const written = (base: Entry | undefined): Entry =>
    sub ? { ...base, [sub]: structuredClone(value) } : { ...base, ...(structuredClone(value) as Entry) }
  if (matched.size === 0) {
    // Entra sends phoneNumbers[type eq "work"].value for a work number that does not exist yet.
    if (!described) throw noTarget(`No ${attribute.name} entry matches the filter, and the filter does not describe a new one.`)
    const entry = written(described)
    touched.add(entry)
    return [...list, entry]
  }
  return list.map((e) => {
    if (!matched.has(e)) return e
    const next = written(sub || op === 'add' ? e : described)
    touched.add(next)
    return next
  })
}

function patchSubAttribute(list: Entry[], sub: string, value: unknown, touched: Set<Entry>): Entry[] {
  if (value === undefined) return isValue(sub) ? [] : list.map((e) => without(e, sub))
  const entries = list.length > 0 ? list : [{}]
  return entries.map((e) => {
    const next = { ...e, [sub]: structuredClone(value) }
    touched.add(next)
    return next
  })
}

/**
 * One operation on a multi-valued complex attribute (RFC 7644 §3.5.2): the new entries, copied,
 * never sharing objects with `current` or the operation. Empty entries are dropped.
 */
export function patchMultiValued(current: unknown, attribute: SchemaAttribute, operation: PatchOperation): Entry[] {
  let list: Entry[] = Array.isArray(current) ? current.filter(isPlainObject).map((e) => ({ ...e })) : []
  const touched = new Set<Entry>()
  const { op, path, value } = operation
  if (path?.filter) list = patchFiltered(list, attribute, operation, touched)
  else if (path?.subAttribute) list = patchSubAttribute(list, path.subAttribute, value, touched)
  else if (value === undefined) list = []
  else if (op === 'remove') {
    const probes = (value as unknown[]).filter(isPlainObject)
    list = list.filter((e) => !probes.some((probe) => contains(e, probe, attribute)))
  } else {
    if (op === 'replace') list = []
    for (const entry of value as unknown[]) if (isPlainObject(entry)) addEntry(list, structuredClone(entry), attribute, touched)
  }
  keepOnePrimary(list, touched)
  return list.filter((e) => Object.keys(e).length > 0)
}

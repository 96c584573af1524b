import { parse, type Filter } from 'scim2-parse-filter'
import { invalidPath } from '../errors.js'
import { lowerCaseLiterals } from '../filter/scan.js'
import { findAttribute, isPlainObject, type JsonObject, type SchemaAttribute } from '../schema/index.js'

const MAX_FILTER_LENGTH = 1000

/**
 * Quoted strings swapped for numbered placeholders and decoded as the JSON strings RFC 7644 says they
 * are: scim2-parse-filter keeps backslashes literally (`"a\\b"` would become two backslashes).
 */
function maskStrings(filter: string): { masked: string; strings: string[] } {
  const strings: string[] = []
  let masked = ''
  let i = 0
  while (i < filter.length) {
    if (filter[i] !== '"') {
      masked += filter[i]
      i++
      continue
    }
    let end = i + 1
    while (end < filter.length && filter[end] !== '"') end += filter[end] === '\\' ? 2 : 1
    if (end >= filter.length) throw invalidPath('The filter has an unterminated string.')
    let decoded: unknown
    try {
      decoded = JSON.parse(filter.slice(i, end + 1))
    } catch {
      throw invalidPath(`The filter has an invalid string: ${filter.slice(i, end + 1)}`)
    }
    strings.push(decoded as string)
    masked += `"${strings.length - 1}"`
    i = end + 1
  }
  return { masked, strings }
}

/** Parses the filter of a value path (`type eq "work"`) against the sub-attributes of `attribute`. */
export function compileValueFilter(attribute: SchemaAttribute, text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw invalidPath(`A filter is at most ${MAX_FILTER_LENGTH} characters.`)
  const { masked, strings } = maskStrings(text)
  let ast: Filter
  try {
    ast = parse(lowerCaseLiterals(masked))
  } catch {
    throw invalidPath(`Invalid filter: ${text}`)
  }
  return canonical(ast, attribute, strings)
}

function canonical(filter: Filter, attribute: SchemaAttribute, strings: string[]): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { op: filter.op, filters: filter.filters.map((f) => canonical(f, attribute, strings)) }
    case 'not':
      return { op: 'not', filter: canonical(filter.filter, attribute, strings) }
    case '[]':
      throw invalidPath('A value path filter cannot contain another value path.')
  }
  const sub = findAttribute(attribute.subAttributes, filter.attrPath)
  if (!sub) throw invalidPath(`${attribute.name} has no sub-attribute "${filter.attrPath}".`)
  if (filter.op === 'pr') return { op: 'pr', attrPath: sub.name }
  let compValue = typeof filter.compValue === 'string' ? strings[Number(filter.compValue)]! : filter.compValue
  if (sub.type === 'boolean' && typeof compValue === 'string' && /^(true|false)$/i.test(compValue)) {
    compValue = compValue.toLowerCase() === 'true'
  }
  return { op: filter.op, attrPath: sub.name, compValue }
}

const isPresent = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)

function compare(op: string, actual: unknown, expected: unknown, caseExact: boolean): boolean {
  if (actual === undefined || actual === null) return op === 'ne' ? expected !== null : op === 'eq' && expected === null
  if (typeof actual === 'string' && typeof expected === 'string') {
    const a = caseExact ? actual : actual.toLowerCase()
    const e = caseExact ? expected : expected.toLowerCase()
    switch (op) {
      case 'eq': return a === e
      case 'ne': return a !== e
      case 'co': return a.includes(e)
      case 'sw': return a.startsWith(e)
      case 'ew': return a.endsWith(e)
      case 'gt': return a > e
      case 'ge': return a >= e
      case 'lt': return a < e
      case 'le': return a <= e
    }
  }
  if (typeof actual === typeof expected && (typeof actual === 'number' || typeof actual === 'boolean')) {
    const a = actual as number
    const e = expected as number
    switch (op) {
      case 'eq': return a === e
      case 'ne': return a !== e
    }
    if (typeof actual === 'number') {
      switch (op) {
        case 'gt': return a > e
        case 'ge': return a >= e
        case 'lt': return a < e
        case 'le': return a <= e
      }
    }
    return false
  }
  return op === 'ne'
}

/** Whether one element of a multi-valued attribute matches a value path filter, in memory. */
export function matchesValueFilter(filter: Filter, element: unknown, attribute: SchemaAttribute): boolean {
  if (!isPlainObject(element)) return false
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => matchesValueFilter(f, element, attribute))
    case 'or':
      return filter.filters.some((f) => matchesValueFilter(f, element, attribute))
    case 'not':
      return !matchesValueFilter(filter.filter, element, attribute)
    case '[]':
      return false
  }
  const sub = findAttribute(attribute.subAttributes, filter.attrPath)
  const actual = sub ? element[sub.name] : undefined
  if (filter.op === 'pr') return isPresent(actual)
  return compare(filter.op, actual, filter.compValue, sub?.caseExact ?? false)
}

const fitsType = (sub: SchemaAttribute, v: unknown) => (sub.type === 'boolean' ? typeof v === 'boolean' : typeof v === 'string')

/**
 * The entry a filter describes, when it is `eq` comparisons joined by `and`
 * (`type eq "work"` → `{ type: 'work' }`), so that a filtered add or replace can create it.
 */
export function filterEqualities(filter: Filter, attribute: SchemaAttribute): JsonObject | undefined {
  if (filter.op === 'eq') {
    const sub = findAttribute(attribute.subAttributes, filter.attrPath)
    return sub && fitsType(sub, filter.compValue) ? { [sub.name]: filter.compValue } : undefined
  }
  if (filter.op !== 'and') return undefined
  const entry: JsonObject = {}
  for (const part of filter.filters) {
    const equalities = filterEqualities(part, attribute)
    if (!equalities) return undefined
    for (const [key, value] of Object.entries(equalities)) {
      if (key in entry && entry[key] !== value) return undefined
      entry[key] = value
    }
  }
  return entry
}

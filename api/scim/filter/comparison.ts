import { sql, type SQL } from 'drizzle-orm'
import { invalidFilter } from '../errors.js'
import type { AttributeType } from './attributes.js'

/** A single-valued attribute as SQL; `sql` must be a text, boolean, timestamptz or uuid expression per `type`. */
export interface ScalarAttribute {
  type: AttributeType
  sql: SQL
  caseExact?: boolean
  trimmed?: boolean
}

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le', 'pr'])
const ORDER: Record<string, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))?$/i

/** A JSON object key as a SQL literal; keys come from the attribute maps in code, never from a filter. */
export function jsonKey(key: string): SQL {
  if (!/^[\w:.]+$/.test(key)) throw new Error(`Unsafe JSON key in an attribute map: ${key}`)
  return sql.raw(`'${key}'`)
}

/** Compiles `<attribute> <op> <value>`; `ne` holds when the attribute is absent, `eq null` means "not present". */
export function compileComparison(name: string, attribute: ScalarAttribute, op: string, value: unknown): SQL {
  if (!OPERATORS.has(op)) throw invalidFilter(`Unknown operator "${op}"`)
  if (op === 'pr') return present(attribute)
  if (value === null) {
    if (op === 'eq') return sql`(not ${present(attribute)})`
    if (op === 'ne') return present(attribute)
    throw invalidFilter(`"${op} null" is not supported (${name})`)
  }
  // A provider that sent "  x  " on create looks it up the same way: it must find what was stored.
  if (attribute.trimmed && typeof value === 'string' && (op === 'eq' || op === 'ne')) value = value.trim()
  switch (attribute.type) {
    case 'boolean':
      return compareBoolean(name, attribute.sql, op, value)
    case 'dateTime':
      return compareDateTime(name, attribute.sql, op, value)
    case 'id':
      return compareId(name, attribute.sql, op, value)
    default:
      return compareString(name, attribute.sql, op, value, attribute.caseExact ?? false)
  }
}

/**
 * RFC 7644 any-element semantics for a multi-valued attribute: `exists(condition)` must be true when
 * some element meets the condition (any element, without one). `element` is the sub-attribute
 * compared; without it, `pr` and `eq null` / `ne null` are about the attribute having elements.
 * `ne` also holds when there are no elements, as for an absent single-valued attribute.
 */
export function compileAnyElement(
  exists: (condition?: SQL) => SQL,
  name: string,
  element: ScalarAttribute | undefined,
  op: string,
  value: unknown,
): SQL {
  if (!OPERATORS.has(op)) throw invalidFilter(`Unknown operator "${op}"`)
  if (value === null && (op === 'eq' || op === 'ne')) {
    const isPresent = compileAnyElement(exists, name, element, 'pr', undefined)
    return op === 'eq' ? sql`(not ${isPresent})` : isPresent
  }
  if (!element) {
    if (op === 'pr') return exists()
    throw invalidFilter(`${name} has no "value" sub-attribute: name the sub-attribute to compare`)
  }
  const match = exists(compileComparison(name, element, op, value))
  return op === 'ne' ? sql`(not ${exists()} or ${match})` : match
}

function present({ type, sql: expr }: ScalarAttribute): SQL {
  return type === 'string' ? sql`(${expr} is not null and ${expr} <> '')` : sql`(${expr} is not null)`
}

function compareString(name: string, expr: SQL, op: string, value: unknown, caseExact: boolean): SQL {
  if (typeof value !== 'string') throw invalidFilter(`${name} is compared with a string, not ${shownValue(value)}`)
  // lower(x) = lower($v) is the shape the lower(user_name) and lower(name) indexes serve.
  const left = caseExact ? expr : sql`lower(${expr})`
  const right = (v: string) => (caseExact ? sql`${v}` : sql`lower(${v})`)
  switch (op) {
    case 'eq':
      return sql`${left} = ${right(value)}`
    case 'ne':
      return sql`(${expr} is null or ${left} <> ${right(value)})`
    case 'co':
    case 'sw':
    case 'ew': {
      const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`)
      const pattern = op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`
      return sql`${left} like ${right(pattern)}`
    }
    default:
      // The "C" collation orders by code point, the same on every server and in PGlite.
      return sql`${left} collate "C" ${sql.raw(ORDER[op]!)} ${right(value)}`
  }
}

function compareId(name: string, expr: SQL, op: string, value: unknown): SQL {
  if (typeof value !== 'string') throw invalidFilter(`${name} is compared with a string, not ${shownValue(value)}`)
  // Only a UUID can equal an id; casting anything else to uuid would be a database error.
  if (op === 'eq') return UUID.test(value) ? sql`${expr} = ${value}` : sql`false`
  if (op === 'ne') return UUID.test(value) ? sql`(${expr} is null or ${expr} <> ${value})` : sql`true`
  return compareString(name, sql`${expr}::text`, op, value, false)
}

function compareBoolean(name: string, expr: SQL, op: string, value: unknown): SQL {
  // Entra sends booleans as "True" / "False" strings in bodies; accept the same in filters.
  const text = typeof value === 'string' ? value.toLowerCase() : undefined
  const flag = text === 'true' ? true : text === 'false' ? false : value
  if (typeof flag !== 'boolean') throw invalidFilter(`${name} is compared with true or false, not ${shownValue(value)}`)
  if (op !== 'eq' && op !== 'ne') throw invalidFilter(`"${op}" cannot compare the boolean ${name}`)
  const test = { eq: flag ? 'is true' : 'is false', ne: flag ? 'is not true' : 'is not false' }[op]
  return sql`(${expr}) ${sql.raw(test)}`
}

function compareDateTime(name: string, expr: SQL, op: string, value: unknown): SQL {
  if (op === 'co' || op === 'sw' || op === 'ew') throw invalidFilter(`"${op}" cannot compare the dateTime ${name}`)
  const instant = typeof value === 'string' ? normalizeDateTime(value) : undefined
  if (!instant) throw invalidFilter(`${name} is compared with an xsd:dateTime such as "2024-01-31T12:00:00Z", not ${shownValue(value)}`)
  const right = sql`${instant}::timestamptz`
  if (op === 'eq') return sql`${expr} = ${right}`
  if (op === 'ne') return sql`(${expr} is null or ${expr} <> ${right})`
  return sql`${expr} ${sql.raw(ORDER[op]!)} ${right}`
}

/** The dateTime with an explicit zone (UTC when none is given), or undefined when PostgreSQL would reject it. */
export function normalizeDateTime(value: string): string | undefined {
  const m = DATE_TIME.exec(value)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
  const zoneOk = !m[9] || (Number(m[9]) <= 15 && Number(m[10]) <= 59)
  const ok = year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59
  if (!ok || !zoneOk) return undefined
  return m[8] ? value.toUpperCase() : `${value.toUpperCase()}Z`
}

/** A filter's value as the error names it: JSON, except numbers JSON cannot spell (1e400 is Infinity). */
function shownValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value)
}

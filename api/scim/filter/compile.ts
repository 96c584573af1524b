import { sql, type SQL } from 'drizzle-orm'
import { parse, type Compare, type Filter, type LogExp, type NotFilter, type Suffix, type ValuePath } from 'scim2-parse-filter'
import { invalidFilter, ScimError } from '../errors.js'
import { rfcPath } from '../schema/resolve.js'
import { groupFilterAttributes, userFilterAttributes, type AttributeMap, type FilterAttribute } from './attributes.js'
import { compileAnyElement, compileComparison, jsonKey, type ScalarAttribute } from './comparison.js'
import { extractStrings, lowerCaseLiterals, MAX_FILTER_LENGTH, MAX_NESTING, rewriteValuePaths } from './scan.js'

export const MAX_COMPARISONS = 50

const CORE_SCHEMA = /^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):/
// Which core schema's URN may qualify a name: a User filter naming the Group schema names nothing.
const OWN_CORE_SCHEMA = new Map<AttributeMap, RegExp>([
  [userFilterAttributes, /^urn:ietf:params:scim:schemas:core:2\.0:user:/],
  [groupFilterAttributes, /^urn:ietf:params:scim:schemas:core:2\.0:group:/],
])
const COMPARISON_OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le', 'pr'])

type Multi = Extract<FilterAttribute, { kind: 'multi' }>

interface Scope {
  attributes: AttributeMap
  /** Inside `attr[...]`, where names are relative and value paths cannot nest. */
  valuePathOf?: string
}

interface Context {
  strings: string[]
  comparisons: number
}

/**
 * Compiles a SCIM filter (RFC 7644 §3.4.2.2) into a parameterized SQL condition over `attributes`.
 * Throws ScimError 400 invalidFilter for anything it cannot compile.
 */
export function compileFilter(filter: string, attributes: AttributeMap): SQL {
  return compileFilterShape(filter, attributes).where
}

/**
 * The filter's condition, and whether it can match at most one row: an `eq` on an attribute the
 * database keeps unique (`userName`, `id`), alone or in an `and`. Such a list needs no count nor
 * order: the rows found are all there are.
 */
export function compileFilterShape(filter: string, attributes: AttributeMap): { where: SQL; atMostOne: boolean } {
  if (filter.length > MAX_FILTER_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters`)
  const { text, strings } = extractStrings(filter)
  let ast: Filter
  try {
    ast = parse(rewriteValuePaths(lowerCaseLiterals(text)))
  } catch (error) {
    if (error instanceof ScimError) throw error
    throw syntaxError()
  }
  const where = compileNode(ast, { attributes }, { strings, comparisons: 0 }, 0)
  return { where, atMostOne: pinsOne(ast, { attributes }) }
}

/** Called on a filter that compiled, so every name in it resolves. */
function pinsOne(node: Filter, scope: Scope): boolean {
  if (node.op === 'and') return (node as LogExp).filters.some((child) => pinsOne(child, scope))
  const compare = node as Compare
  if (node.op !== 'eq' || typeof compare.attrPath !== 'string' || compare.compValue === null) return false
  const { attribute, subAttribute } = resolve(compare.attrPath, scope)
  return attribute.kind === 'scalar' && attribute.unique === true && subAttribute === undefined
}

const syntaxError = () => invalidFilter('The filter is not valid SCIM filter syntax (RFC 7644 §3.4.2.2)')

function compileNode(node: Filter, scope: Scope, context: Context, depth: number): SQL {
  if (depth > MAX_NESTING) throw invalidFilter(`The filter is nested more than ${MAX_NESTING} levels deep`)
  switch (node?.op) {
    case 'and':
    case 'or': {
      const { filters } = node as LogExp
      if (!Array.isArray(filters) || filters.length < 2) throw syntaxError()
      const parts = filters.map((child) => compileNode(child, scope, context, depth + 1))
      return sql`(${sql.join(parts, sql.raw(` ${node.op} `))})`
    }
    case 'not': {
      // The parser turns `a not b` into {op: 'not', filters}: only `not (x)` has `filter`.
      const { filter } = node as NotFilter
      if (!filter || typeof filter !== 'object') throw syntaxError()
      // "is not true": a comparison with an absent attribute yields NULL, which must negate to true.
      return sql`((${compileNode(filter, scope, context, depth + 1)}) is not true)`
    }
    case '[]':
      return compileValuePath(node as ValuePath, scope, context, depth)
    default:
      return compileAttributeExpression(node as Compare | Suffix, scope, context)
  }
}

function compileAttributeExpression(node: Compare | Suffix, scope: Scope, context: Context): SQL {
  const { op, value } = comparisonParts(node, context)
  const { name, attribute, subAttribute } = resolve(node.attrPath, scope)
  switch (attribute.kind) {
    case 'scalar':
      return compileComparison(name, attribute, op, value)
    case 'custom':
      return attribute.compile(op, value, subAttribute)
    case 'multi': {
      const wholeAttribute = subAttribute === undefined && (op === 'pr' || value === null)
      const element = wholeAttribute ? undefined : elementAttribute(attribute, subAttribute ?? 'value')
      return compileAnyElement(anyElementOf(attribute), name, element, op, value)
    }
  }
}

function compileValuePath(node: ValuePath, scope: Scope, context: Context, depth: number): SQL {
  if (scope.valuePathOf !== undefined) throw invalidFilter(`Value paths cannot be nested (inside ${scope.valuePathOf})`)
  if (typeof node.attrPath !== 'string' || !node.valFilter) throw syntaxError()
  const key = attributeKey(node.attrPath, scope.attributes)
  const attribute = own(scope.attributes, key)
  if (attribute?.kind === 'multi') {
    const elements: AttributeMap = {}
    for (const sub of Object.keys(attribute.subAttributes)) elements[sub.toLowerCase()] = { kind: 'scalar', ...elementAttribute(attribute, sub)! }
    const condition = compileNode(node.valFilter, { attributes: elements, valuePathOf: node.attrPath }, context, depth + 1)
    return anyElementOf(attribute)(condition)
  }
  // A single-valued complex attribute (name[givenName eq "x"]) filters over its own sub-attributes.
  const children: AttributeMap = {}
  for (const [path, child] of Object.entries(scope.attributes)) {
    if (path.startsWith(`${key}.`) && child.kind === 'scalar') children[path.slice(key.length + 1)] = child
  }
  if (Object.keys(children).length > 0) return compileNode(node.valFilter, { attributes: children, valuePathOf: node.attrPath }, context, depth + 1)
  if (attribute?.kind === 'custom') {
    // Rows behind a custom attribute are matched one comparison at a time; alternatives (`or`)
    // mean the same one at a time. `and` would need one row to meet both, which this cannot say.
    const custom = attribute
    const compileInner = (inner: Filter, depthHere: number): SQL => {
      if (depthHere > MAX_NESTING) throw invalidFilter(`The filter is nested more than ${MAX_NESTING} levels deep`)
      if (inner.op === 'or') {
        const { filters } = inner as LogExp
        if (!Array.isArray(filters) || filters.length < 2) throw syntaxError()
        return sql`(${sql.join(filters.map((child) => compileInner(child, depthHere + 1)), sql.raw(' or '))})`
      }
      if (!COMPARISON_OPERATORS.has(inner.op)) throw invalidFilter(`Only comparisons joined by "or" are supported inside ${node.attrPath}[...]`)
      const { op, value } = comparisonParts(inner as Compare | Suffix, context)
      return custom.compile(op, value, (inner as Compare).attrPath.toLowerCase())
    }
    return compileInner(node.valFilter, depth + 1)
  }
  throw invalidFilter(`Unknown complex attribute "${node.attrPath}" in the filter`)
}

function comparisonParts(node: Compare | Suffix, context: Context): { op: string; value: unknown } {
  if (!COMPARISON_OPERATORS.has(node.op) || typeof node.attrPath !== 'string') throw syntaxError()
  if (++context.comparisons > MAX_COMPARISONS) throw invalidFilter(`The filter has more than ${MAX_COMPARISONS} comparisons`)
  if (node.op === 'pr') return { op: 'pr', value: undefined }
  const raw = (node as Compare).compValue
  if (raw === undefined) throw syntaxError()
  if (typeof raw !== 'string') return { op: node.op, value: raw }
  // Every string reaching the parser is a placeholder from extractStrings.
  const value = /^\d+$/.test(raw) ? context.strings[Number(raw)] : undefined
  if (value === undefined) throw syntaxError()
  return { op: node.op, value }
}

/** An attribute's key in `attributes`: lower-cased, without the URN of the resource's core schema. */
export const attributeKey = (path: string, attributes: AttributeMap) =>
  rfcPath(attributes === groupFilterAttributes ? 'Group' : 'User', path)
    .toLowerCase()
    .replace(OWN_CORE_SCHEMA.get(attributes) ?? CORE_SCHEMA, '')

/** Own keys only: a filter naming "constructor" must not find Object.prototype.constructor. */
export const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.hasOwn(record, key) ? record[key] : undefined)

function resolve(path: string, scope: Scope): { name: string; attribute: FilterAttribute; subAttribute?: string } {
  const name = scope.valuePathOf === undefined ? path : `${scope.valuePathOf}.${path}`
  const key = scope.valuePathOf === undefined ? attributeKey(path, scope.attributes) : path.toLowerCase()
  const direct = own(scope.attributes, key)
  if (direct) return { name, attribute: direct }
  const dot = key.lastIndexOf('.')
  const parent = dot > 0 ? own(scope.attributes, key.slice(0, dot)) : undefined
  const subAttribute = key.slice(dot + 1)
  if (parent?.kind === 'custom') return { name, attribute: parent, subAttribute }
  if (parent?.kind === 'multi' && elementAttribute(parent, subAttribute)) return { name, attribute: parent, subAttribute }
  throw invalidFilter(`Unknown attribute "${name}" in the filter`)
}

/** A sub-attribute of the current `scim_el.elem` element, looked up case-insensitively. */
function elementAttribute(attribute: Multi, subAttribute: string): ScalarAttribute | undefined {
  const key = Object.keys(attribute.subAttributes).find((k) => k.toLowerCase() === subAttribute.toLowerCase())
  if (key === undefined) return undefined
  const { type, caseExact } = attribute.subAttributes[key]!
  const value = sql`(scim_el.elem ->> ${jsonKey(key)})`
  if (type === 'boolean') {
    // Booleans may be stored as JSON true or as Entra's "True"; anything else counts as absent.
    return { type, sql: sql`(case lower(${value}) when 'true' then true when 'false' then false end)` }
  }
  // Text in jsonb: a uuid or timestamptz cast could fail on whatever the identity provider stored.
  return { type: 'string', sql: value, caseExact: caseExact ?? type === 'dateTime' }
}

/** `exists` over the elements; anything stored that is not an array counts as no elements. */
function anyElementOf(attribute: Multi) {
  return (condition?: SQL) => sql`exists (select 1 from (select ${attribute.elements} as arr) as scim_src
    cross join lateral jsonb_array_elements(case when jsonb_typeof(scim_src.arr) = 'array' then scim_src.arr else '[]'::jsonb end) as scim_el(elem)
    where ${condition ?? sql`true`})`
}

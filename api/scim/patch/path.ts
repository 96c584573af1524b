import { invalidPath } from '../errors.js'
import {
  attributesOf,
  findAttribute,
  isExtension,
  lookupAttribute,
  splitSchema,
  type ResolvedAttribute,
  type ScimResourceType,
} from '../schema/index.js'
import type { ParsedPath } from './types.js'
import { compileValueFilter } from './value-filter.js'

const MAX_PATH_LENGTH = 2000
/** RFC 7643 §2.1 ATTRNAME, plus `$ref`. */
const NAME = /^[A-Za-z$][\w$-]*/

/** Index of the `]` closing the `[` at `open`, skipping quoted strings; -1 if none or nested. */
function closingBracket(text: string, open: number): number {
  let inString = false
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === ']') return i
    else if (c === '[') return -1
  }
  return -1
}

/** `name[filter].sub` split into its parts, by RFC 7644 §3.5.2's PATH grammar. */
function splitSyntax(rest: string, text: string) {
  const malformed = () => invalidPath(`Malformed path: ${text}`)
  const head = NAME.exec(rest)
  if (!head) throw malformed()
  let i = head[0].length
  let filterText: string | undefined
  if (rest[i] === '[') {
    const close = closingBracket(rest, i)
    if (close < 0) throw malformed()
    filterText = rest.slice(i + 1, close)
    if (!filterText.trim()) throw malformed()
    i = close + 1
  }
  let subName: string | undefined
  if (rest[i] === '.') {
    const sub = NAME.exec(rest.slice(i + 1))
    if (!sub) throw malformed()
    subName = sub[0]
    i += 1 + sub[0].length
  }
  if (i !== rest.length) throw malformed()
  return { name: head[0], filterText, subName }
}

/**
 * Parses a PATCH path in any case, optionally URN-qualified. Throws invalidPath when malformed;
 * returns undefined for a well-formed path naming no attribute we know (add/replace ignore those).
 */
export function parsePath(resource: ScimResourceType, text: string): ParsedPath | undefined {
  const trimmed = text.trim()
  if (!trimmed) throw invalidPath('The path is empty.')
  if (trimmed.length > MAX_PATH_LENGTH) throw invalidPath(`A path is at most ${MAX_PATH_LENGTH} characters.`)
  const split = splitSchema(resource, trimmed)
  if (!split) return undefined
  const { schema, rest } = split
  const extension = isExtension(resource, schema)
  if (rest === '') {
    if (extension) return { attribute: schema.id }
    throw invalidPath(`${trimmed} is a schema, not an attribute.`)
  }
  const { name, filterText, subName } = splitSyntax(rest, trimmed)
  const attribute = findAttribute(attributesOf(resource, schema), name)
  if (!attribute) return undefined
  const path: ParsedPath = { attribute: extension ? `${schema.id}:${attribute.name}` : attribute.name }
  if (filterText !== undefined) {
    if (!attribute.multiValued || !attribute.subAttributes) throw invalidPath(`${attribute.name} takes no filter.`)
    path.filter = compileValueFilter(attribute, filterText)
  }
  if (subName === undefined) return path
  if (!attribute.subAttributes) throw invalidPath(`${attribute.name} has no sub-attributes.`)
  const sub = findAttribute(attribute.subAttributes, subName)
  if (!sub) return undefined
  path.subAttribute = sub.name
  return path
}

/** The definitions a parsed path points at; undefined when it names no attribute we know. */
export function describePath(resource: ScimResourceType, path: ParsedPath): ResolvedAttribute | undefined {
  if (typeof path.attribute !== 'string') return undefined
  return lookupAttribute(resource, path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute)
}

export const pathText = (path: ParsedPath) =>
  `${path.attribute}${path.filter ? '[…]' : ''}${path.subAttribute ? `.${path.subAttribute}` : ''}`

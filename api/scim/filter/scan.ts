import { invalidFilter } from '../errors.js'

export const MAX_FILTER_LENGTH = 2000
export const MAX_NESTING = 32

const COMPARISON_OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le', 'pr'])
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Swaps every quoted string for a numbered placeholder ("0", "1", ...) and decodes it as the JSON
 * string RFC 7644 says it is. scim2-parse-filter keeps backslashes literally (`"a\\b"` becomes two
 * backslashes, `"a\\"` fails), and placeholders also leave the value-path rewrite nothing to trip on.
 */
export function extractStrings(filter: string): { text: string; strings: string[] } {
  const strings: string[] = []
  let text = ''
  let i = 0
  while (i < filter.length) {
    if (filter[i] !== '"') {
      text += filter[i]
      i++
      continue
    }
    let end = i + 1
    while (end < filter.length && filter[end] !== '"') end += filter[end] === '\\' ? 2 : 1
    if (end >= filter.length) throw invalidFilter('The filter has an unterminated string')
    strings.push(decodeString(filter.slice(i, end + 1)))
    text += `"${strings.length - 1}"`
    i = end + 1
  }
  return { text, strings }
}

function decodeString(literal: string): string {
  let value: unknown
  try {
    value = JSON.parse(literal)
  } catch {
    throw invalidFilter(`The filter has an invalid string: ${literal.slice(0, 40)}`)
  }
  // PostgreSQL text cannot hold NUL, and a lone surrogate has no UTF-8 form.
  if (typeof value !== 'string' || value.includes('\u0000') || LONE_SURROGATE.test(value)) {
    throw invalidFilter(`The filter has a string PostgreSQL cannot store: ${literal.slice(0, 40)}`)
  }
  return value
}

const SUB_ATTRIBUTE = /^\.(\w[-\w.:/%]*)\s+(\w+)/
const COMPARISON_VALUE = /^\s+("\d+"|[^\s()[\]"]+)/

/**
 * Rewrites `attr[inner].sub op value` into `attr[ (inner) and sub op value ]`: the parser would
 * otherwise flatten it into `attr[inner] and attr.sub op value`, where the two conditions may hold
 * for different entries. Expects the output of extractStrings (strings are bracket-free placeholders).
 */
export function rewriteValuePaths(text: string): string {
  let out = ''
  const opens: number[] = []
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '(' || c === '[') {
      if (++depth > MAX_NESTING) throw invalidFilter(`The filter is nested more than ${MAX_NESTING} levels deep`)
      if (c === '[') opens.push(out.length)
    } else if (c === ')' || c === ']') {
      depth--
    }
    if (c === ']' && text[i + 1] === '.') {
      const open = opens.pop()
      const rest = text.slice(i + 1)
      const path = SUB_ATTRIBUTE.exec(rest)
      const op = path?.[2]!.toLowerCase()
      if (open === undefined || !path || !op || !COMPARISON_OPERATORS.has(op)) {
        throw invalidFilter('A value path with a sub-attribute must be followed by a comparison, as in emails[type eq "work"].value eq "x"')
      }
      let consumed = path[0].length
      let comparison = `${path[1]} ${op}`
      if (op !== 'pr') {
        const value = COMPARISON_VALUE.exec(rest.slice(consumed))
        if (!value) throw invalidFilter(`The comparison after ${path[1]} has no value`)
        consumed += value[0].length
        comparison += ` ${value[1]}`
      }
      out = `${out.slice(0, open + 1)} (${out.slice(open + 1)}) and ${comparison} ]`
      i += consumed
      continue
    }
    if (c === ']') opens.pop()
    out += c
  }
  return out
}

const LITERAL_VALUE = /(\s(?:eq|ne|co|sw|ew|gt|lt|ge|le)\s+)(true|false|null)(?=[\s)\]]|$)/gi

/**
 * `active eq True`: ABNF literals are case-insensitive (RFC 5234 §2.3), so true, false and null
 * are too, as comparison values; the parser knows only the lower-case spelling. Expects the output
 * of extractStrings, so nothing inside a string is touched.
 */
export function lowerCaseLiterals(text: string): string {
  return text.replace(LITERAL_VALUE, (_, before: string, literal: string) => before + literal.toLowerCase())
}

import type { Context } from 'hono'
import { LIST_SCHEMA } from './env.js'
import { invalidValue } from './errors.js'
import { projectionOf } from './projection.js'

export const DEFAULT_COUNT = 100
export const MAX_COUNT = 1000
const MAX_INTEGER = 2 ** 31 - 1

function integer(query: Record<string, string>, name: string): number | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  if (!/^[-+]?\d+$/.test(raw.trim())) throw invalidValue(`${name} must be an integer.`)
  // Out of range is clamped (RFC 7644 §3.4.2.4), also past what a 32-bit offset holds.
  return Math.max(-MAX_INTEGER, Math.min(MAX_INTEGER, Number(raw)))
}

/** The query of a SCIM list: RFC 7644 §3.4.2, with out-of-range values clamped as §3.4.2.4 says. */
export function parseListParams(c: Context) {
  const query = c.req.query() // parsed once: each c.req.query(name) scans the whole URL again
  const startIndex = Math.max(1, integer(query, 'startIndex') ?? 1)
  const count = Math.min(MAX_COUNT, Math.max(0, integer(query, 'count') ?? DEFAULT_COUNT))
  const sortOrder = (query.sortOrder ?? 'ascending').toLowerCase()
  if (sortOrder !== 'ascending' && sortOrder !== 'descending') throw invalidValue('sortOrder must be "ascending" or "descending".')
  return {
    filter: query.filter,
    startIndex,
    count,
    sortBy: query.sortBy,
    descending: sortOrder === 'descending',
    ...projectionOf(query),
  }
}

export type ListParams = ReturnType<typeof parseListParams>

export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  }
}

/** Whether an attribute (e.g. "groups", "members") is wanted, so the query can skip it. */
export function wants(params: Pick<ListParams, 'attributes' | 'excludedAttributes'>, attribute: string): boolean {
  if (params.attributes) return params.attributes.some((p) => p[0] === attribute)
  if (params.excludedAttributes) return !params.excludedAttributes.some((p) => p.length === 1 && p[0] === attribute)
  return true
}

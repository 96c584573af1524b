import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './env.js'
import { rfcPath } from './schema/resolve.js'

const CORE_PREFIXES = [`${USER_SCHEMA}:`, `${GROUP_SCHEMA}:`].map((p) => p.toLowerCase())
const ALWAYS = new Set(['id', 'schemas'])

/** `name.givenName`, `urn:...:User:userName` or `urn:...:enterprise:2.0:User:department` as key path. */
export function attributePath(attribute: string): string[] {
  // Legacy core URNs read as the User's: either core prefix is taken off below.
  const lower = rfcPath('User', attribute).trim().toLowerCase()
  for (const prefix of CORE_PREFIXES) if (lower.startsWith(prefix)) return lower.slice(prefix.length).split('.')
  const enterprise = ENTERPRISE_SCHEMA.toLowerCase()
  if (lower === enterprise) return [enterprise]
  if (lower.startsWith(`${enterprise}:`)) return [enterprise, ...lower.slice(enterprise.length + 1).split('.')]
  return lower.split('.')
}

export function parseAttributeList(value: string | undefined): string[][] | undefined {
  if (!value?.trim()) return undefined
  return value.split(',').filter((a) => a.trim()).map(attributePath)
}

function pick(source: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) {
    const lower = key.toLowerCase()
    const matching = paths.filter((p) => p[0] === lower)
    if (matching.length === 0) continue
    if (matching.some((p) => p.length === 1)) result[key] = value
    else if (Array.isArray(value)) {
      const rest = matching.map((p) => p.slice(1))
      result[key] = value.map((item) => (item && typeof item === 'object' ? pick(item as Record<string, unknown>, rest) : item))
    } else if (value && typeof value === 'object') result[key] = pick(value as Record<string, unknown>, matching.map((p) => p.slice(1)))
  }
  return result
}

function omit(source: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(source)) {
    const lower = key.toLowerCase()
    const matching = paths.filter((p) => p[0] === lower)
    if (matching.some((p) => p.length === 1) && !ALWAYS.has(lower)) continue
    const rest = matching.map((p) => p.slice(1)).filter((p) => p.length)
    if (rest.length && Array.isArray(value)) {
      result[key] = value.map((item) => (item && typeof item === 'object' ? omit(item as Record<string, unknown>, rest) : item))
    } else if (rest.length && value && typeof value === 'object') result[key] = omit(value as Record<string, unknown>, rest)
    else result[key] = value
  }
  return result
}

/** RFC 7644 §3.9: `attributes` keeps only those (plus id and schemas); `excludedAttributes` drops them. */
export function project<T extends Record<string, unknown>>(
  resource: T,
  options: { attributes?: string[][]; excludedAttributes?: string[][] },
): Record<string, unknown> {
  if (options.attributes) return { ...pick(resource, options.attributes), schemas: resource.schemas, id: resource.id }
  if (options.excludedAttributes) return omit(resource, options.excludedAttributes)
  return resource
}

/** `attributes` / `excludedAttributes` of a parsed query string. */
export function projectionOf(query: Record<string, string | undefined>) {
  return { attributes: parseAttributeList(query.attributes), excludedAttributes: parseAttributeList(query.excludedAttributes) }
}

/** The request's `attributes` / `excludedAttributes`, which RFC 7644 §3.9 allows on every operation that returns a resource. */
export function requestedProjection(c: { req: { query(): Record<string, string> } }) {
  return projectionOf(c.req.query())
}

/** Whether the request asks for a partial resource (then a group PATCH answers 200 with it, not 204). */
export function asksForAttributes(projection: ReturnType<typeof requestedProjection>): boolean {
  return projection.attributes !== undefined || projection.excludedAttributes !== undefined
}

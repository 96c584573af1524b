import { getPathNoStrict } from 'hono/utils/url'

const ENDPOINTS = ['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas', 'Me', 'Bulk']
const BY_LOWER_CASE = new Map(ENDPOINTS.map((name) => [name.toLowerCase(), name]))
const UNDER_SCIM = /^\/scim\/v2\/+([^/]*)/

/**
 * The path Hono routes by, with a SCIM base URL typed loosely made canonical: a trailing slash on
 * the tenant URL (Microsoft's own example has one) doubles the slash before /Users, and some
 * connectors spell the endpoints in lower case. Everything else is routed as it came, without a
 * trailing slash (Hono's `strict: false`, which a custom getPath replaces).
 */
export function canonicalScimPath(request: Request): string {
  const path = getPathNoStrict(request)
  if (!path.startsWith('/scim/v2/')) return path
  return path.replace(UNDER_SCIM, (whole, endpoint: string) => {
    const name = BY_LOWER_CASE.get(endpoint.toLowerCase())
    return name ? `/scim/v2/${name}` : whole
  })
}

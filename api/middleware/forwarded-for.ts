/**
 * The client address a reverse proxy added to X-Forwarded-For: the last entry. The entries before
 * it came with the request, so the client chose them; only the proxy's own is to be believed.
 */
export function addedByProxy(header: string | undefined): string | undefined {
  const last = header?.split(',').pop()?.trim()
  return last || undefined
}

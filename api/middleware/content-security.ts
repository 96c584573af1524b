import type { MiddlewareHandler } from 'hono'

/**
 * The content security policy of the pages people open in a browser: the admin UI and the
 * invitation pages. Scripts come from this origin only (an invitation page's one inline script
 * carries the response's nonce); styles may be inline, because the UI's components write theirs
 * at run time and the email preview's HTML is styled inline. No page may be framed elsewhere.
 * Workers serve the admin UI's files without the app: admin/public/_headers repeats this policy.
 */
export function pagePolicy(nonce?: string): string {
  return [
    "default-src 'self'",
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Sets the page policy on HTML answers that have none of their own; JSON needs none. */
export function htmlContentSecurity(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (c.res.headers.has('Content-Security-Policy')) return
    if (!c.res.headers.get('Content-Type')?.startsWith('text/html')) return
    c.res.headers.set('Content-Security-Policy', pagePolicy())
  }
}

/** A fresh nonce for one response's inline script. */
export function scriptNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (ch) => (ch === '+' ? '-' : ch === '/' ? '_' : ''))
}

import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { isRandomToken, randomToken, timingSafeEqual } from '../core/crypto.js'
import { pagePolicy, scriptNonce } from '../middleware/content-security.js'
import type { AppEnv } from '../services.js'

/**
 * Double-submit CSRF tokens for the forms of the pages under `path`: a cookie only those pages
 * set (Strict, HttpOnly), echoed in each form.
 */
export function csrfCookie(name: string, path: string) {
  return {
    token(c: Context<AppEnv>): string {
      const existing = getCookie(c, name)
      if (existing && isRandomToken(existing)) return existing
      const token = randomToken()
      setCookie(c, name, token, { httpOnly: true, sameSite: 'Strict', secure: c.get('services').config.appUrl.startsWith('https:'), path })
      return token
    },
    valid(c: Context<AppEnv>, submitted: unknown): boolean {
      const cookie = getCookie(c, name)
      return typeof submitted === 'string' && !!cookie && timingSafeEqual(cookie, submitted)
    },
  }
}

/**
 * A form's fields. A body that cannot be read as a form (a multipart body without its boundary,
 * say) has none: the CSRF check then fails, and the page asks to submit the form again.
 */
export async function formBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody()
  } catch {
    return {}
  }
}

/**
 * The headers of a page someone opens from an email: never cached, indexed or framed, and a
 * content security policy whose one inline script is allowed by this response's nonce.
 */
export function emailLinkPageHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nonce = scriptNonce()
    c.set('scriptNonce', nonce)
    await next()
    c.header('Cache-Control', 'no-store')
    c.header('X-Robots-Tag', 'noindex')
    c.header('X-Frame-Options', 'DENY')
    c.header('Content-Security-Policy', pagePolicy(nonce))
  }
}

import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { personForSession } from '../core/sessions.js'
import { ApiError } from '../errors.js'
import type { AppEnv } from '../services.js'

export const SESSION_COOKIE = 'roster_session'

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  const { config } = c.get('services')
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.appUrl.startsWith('https:'),
    path: '/',
    maxAge: config.sessionTtlDays * 24 * 60 * 60,
  })
}

export function clearSessionCookie(c: Context<AppEnv>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

/** Requires a signed-in person; the session is looked up in the database on every request. */
export function requireSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE)
    const person = token ? await personForSession(c.get('services'), token) : null
    if (!token || !person) throw new ApiError('unauthenticated', 'Sign in to continue.')
    c.set('person', person)
    c.set('sessionToken', token)
    await next()
  }
}

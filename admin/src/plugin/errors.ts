import type { ApiErrorBody } from './types'

/** The API's error body, when `error` is an HttpError thrown by react-admin's fetchJson. */
export function apiErrorBody(error: unknown): Partial<ApiErrorBody> | undefined {
  const body = (error as { body?: unknown } | null)?.body
  return body && typeof body === 'object' ? (body as Partial<ApiErrorBody>) : undefined
}

export function apiErrorCode(error: unknown): string | undefined {
  return apiErrorBody(error)?.code
}

/** Server-side field errors (`body.errors`), keyed by field name. */
export function apiFieldErrors(error: unknown): Record<string, string> {
  const errors = apiErrorBody(error)?.errors
  if (!errors || typeof errors !== 'object') return {}
  return Object.fromEntries(
    Object.entries(errors).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}

/** Translation keys of the failures the API said nothing about. */
export const NETWORK_ERROR = 'roster.errors.network'
export const SERVER_ERROR = 'roster.errors.server'

// What fetch rejects with when no answer came: "Failed to fetch" (Chrome), "NetworkError when
// attempting to fetch resource." (Firefox), "Load failed" (Safari).
const NO_ANSWER = /failed to fetch|networkerror|load failed|network request failed/i

/**
 * The translation key for a failure the API said nothing about: no answer at all, or an answer
 * without the API's error body (a proxy's 502 page, a crash's "Internal Server Error"). Undefined
 * when the API said what went wrong.
 */
export function wordlessFailure(error: unknown): string | undefined {
  if (typeof apiErrorBody(error)?.message === 'string' && apiErrorBody(error)?.message) return undefined
  if (error instanceof TypeError && NO_ANSWER.test(error.message)) return NETWORK_ERROR
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status === 'number' && status >= 500) return SERVER_ERROR
  return undefined
}

/**
 * The message to show for a failed call: the server's own words when it gave some; otherwise a
 * translation key for a call that got no answer, or an answer without words (a proxy's 502 page,
 * a crash's "Internal Server Error"); otherwise `fallback`. Translate it with `{ _: message }`.
 */
export function apiErrorMessage(error: unknown, fallback: string): string {
  const fromBody = apiErrorBody(error)?.message
  if (typeof fromBody === 'string' && fromBody) return fromBody
  const wordless = wordlessFailure(error)
  if (wordless) return wordless
  if (error instanceof Error && error.message) return error.message
  return fallback
}

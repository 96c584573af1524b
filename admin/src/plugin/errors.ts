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

/** The message to show for a failed call: the server's own words when it gave some. */
export function apiErrorMessage(error: unknown, fallback: string): string {
  const fromBody = apiErrorBody(error)?.message
  if (typeof fromBody === 'string' && fromBody) return fromBody
  if (error instanceof Error && error.message) return error.message
  return fallback
}
